//! `PUT /conditions/{slug}/suggestions`

use actix_web::{put, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::suggestions_get::SuggestionsResponse;
use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// What to suggest for a condition (replaces both lists).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestionsRequest {
    /// Measurement type slugs from `GET /measurement-types`.
    #[schema(max_items = 20)]
    pub measurement_types: Vec<String>,
    /// Questionnaire slugs from `GET /questionnaires`.
    #[schema(max_items = 20)]
    pub questionnaires: Vec<String>,
}

/// Sets what a member who lists this condition is invited to track (admins).
#[utoipa::path(put, path = "/api/v1/conditions/{slug}/suggestions", tag = "conditions", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Condition slug")), request_body = SuggestionsRequest,
    responses((status = 200, body = SuggestionsResponse), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[put("/conditions/{slug}/suggestions")]
pub async fn handler(
    state: web::Data<AppState>,
    path: web::Path<String>,
    AdminJson(admin, req): AdminJson<SuggestionsRequest>,
) -> Result<web::Json<SuggestionsResponse>, ApiError> {
    for (field, n) in [
        ("measurement_types", req.measurement_types.len()),
        ("questionnaires", req.questionnaires.len()),
    ] {
        if n > 20 {
            return Err(ApiError::field(field, "too_many", "At most 20."));
        }
    }
    let slug = path.into_inner();
    let (admin, cache, s) = (admin.proof().clone(), state.measurement_types.clone(), slug.clone());
    let found = state
        .db(move |c| {
            Ok(kindred_app::admin::set_condition_suggestions(
                c,
                &admin,
                &cache,
                &s,
                &req.measurement_types,
                &req.questionnaires,
            )?)
        })
        .await?;
    Ok(web::Json(SuggestionsResponse::new(slug, found)))
}
