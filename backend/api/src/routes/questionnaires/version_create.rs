//! `POST /questionnaires/{slug}/versions`

use actix_web::{post, web, HttpResponse};
use kindred_domain::questionnaire::{validate_definition, Definition};
use kindred_domain::FieldError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::version_view;
use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// A version's definition.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionRequest {
    /// The definition (checked in full; errors name their JSON path under `definition`).
    pub definition: Definition,
}

/// Checks a definition, prefixing error paths with `definition`.
pub fn check(def: &Definition) -> Result<String, ApiError> {
    validate_definition(def).map_err(|e| {
        ApiError::Validation(kindred_domain::FieldErrors(
            e.0.into_iter().map(|f: FieldError| f.prefixed("definition")).collect(),
        ))
    })?;
    serde_json::to_string(def).map_err(ApiError::internal)
}

/// Adds a draft version (admins). Drafts can be edited until published.
#[utoipa::path(post, path = "/api/v1/questionnaires/{slug}/versions", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug")), request_body = VersionRequest,
    responses((status = 201, body = super::VersionView), (status = 403, body = crate::error::Problem, description = "Not an administrator"), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/questionnaires/{slug}/versions")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<VersionRequest>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let json = check(&body.definition)?;
    let slug = path.into_inner();
    let admin = admin.proof().clone();
    let view = state
        .db(move |c| {
            version_view(&kindred_app::questionnaires::add_version(c, &admin, &slug, &json)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
