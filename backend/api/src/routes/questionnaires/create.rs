//! `POST /questionnaires`

use actix_web::{post, web, HttpResponse};
use kindred_db::models::questionnaire::Questionnaire;
use kindred_domain::account::{parse_name, parse_slug};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use super::summary;
use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// A new questionnaire (its versions are added separately).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateQuestionnaireRequest {
    /// Slug: 2–60 lower-case letters, digits, `-`.
    #[schema(schema_with = crate::fields::slug)]
    pub slug: String,
    /// Title.
    #[schema(schema_with = crate::fields::name)]
    pub title: String,
    /// Plain-language description (at most 2,000 characters).
    #[schema(max_length = 2000)]
    pub description: String,
    /// Licence / source note (at most 2,000 characters).
    #[schema(max_length = 2000)]
    pub licence: String,
    /// LOINC panel code.
    #[serde(default)]
    pub loinc_panel: Option<String>,
    /// LOINC total-score code.
    #[serde(default)]
    pub loinc_total: Option<String>,
    /// Recommended days between responses (1–365).
    #[schema(minimum = 1, maximum = 365)]
    pub recommended_interval_days: i32,
    /// Condition slugs it is recommended for.
    #[serde(default)]
    pub conditions: Vec<String>,
}

/// Creates a questionnaire (admins).
#[utoipa::path(post, path = "/api/v1/questionnaires", tag = "questionnaires", security(("bearer" = [])),
    request_body = CreateQuestionnaireRequest,
    responses((status = 201, body = super::QuestionnaireSummary), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/questionnaires")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<CreateQuestionnaireRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body;
    let mut errs = FieldErrors::new();
    let slug = errs.check(parse_slug(&req.slug, "slug"));
    let title = errs.check(parse_name(&req.title, "title"));
    if !(1..=365).contains(&req.recommended_interval_days) {
        errs.add("recommended_interval_days", "out_of_range", "Use 1–365 days.");
    }
    if req.description.chars().count() > 2000 || req.licence.chars().count() > 2000 {
        errs.add("description", "too_long", "At most 2000 characters.");
    }
    let (Some(slug), Some(title)) = (slug, title) else { return Err(errs.into()) };
    errs.into_result(())?;
    let q = Questionnaire {
        id: kindred_db::new_id(),
        slug,
        title,
        description: req.description.trim().into(),
        licence: req.licence.trim().into(),
        loinc_panel: req.loinc_panel,
        loinc_total: req.loinc_total,
        recommended_interval_days: req.recommended_interval_days,
        created_at: kindred_db::now_utc().naive_utc(),
    };
    let admin = admin.proof().clone();
    let out = state
        .db(move |c| {
            kindred_app::questionnaires::create(c, &admin, &q, &req.conditions)?;
            summary(&q, &[])
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}
