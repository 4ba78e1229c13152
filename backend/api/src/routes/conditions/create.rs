//! `POST /conditions`

use actix_web::{post, web, HttpResponse};
use kindred_db::models::condition::Condition;
use kindred_domain::account::{parse_icd10, parse_name, parse_slug};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::views::ConditionResponse;
use crate::{ApiError, AppState};

/// A new catalog entry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateConditionRequest {
    /// URL-safe name: 2–60 lower-case letters, digits, `-`.
    #[schema(schema_with = crate::fields::slug)]
    pub slug: String,
    /// Display name.
    #[schema(schema_with = crate::fields::name)]
    pub name: String,
    /// ICD-10 code, e.g. `G35`.
    #[schema(schema_with = crate::fields::icd10)]
    pub icd10: String,
}

/// Adds a condition to the catalog (admins).
#[utoipa::path(post, path = "/api/v1/conditions", tag = "conditions", security(("bearer" = [])),
    request_body = CreateConditionRequest,
    responses((status = 201, body = ConditionResponse), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/conditions")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<CreateConditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body;
    let mut errs = FieldErrors::new();
    let slug = errs.check(parse_slug(&req.slug, "slug"));
    let name = errs.check(parse_name(&req.name, "name"));
    let icd10 = errs.check(parse_icd10(&req.icd10));
    let (Some(slug), Some(name), Some(icd10)) = (slug, name, icd10) else {
        return Err(errs.into());
    };
    let cond = Condition {
        id: kindred_db::new_id(),
        slug,
        name,
        icd10,
        created_at: kindred_db::now_utc().naive_utc(),
    };
    let admin = admin.proof().clone();
    let c2 = cond.clone();
    state.db(move |c| Ok(kindred_app::admin::create_condition(c, &admin, &c2)?)).await?;
    Ok(HttpResponse::Created().json(ConditionResponse::from(&cond)))
}
