//! `PATCH /questionnaires/{slug}/versions/{version}`

use actix_web::{patch, web};

use super::version_create::{check, VersionRequest};
use super::{version_view, VersionView};
use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Replaces a draft's definition (admins). A published or retired version never changes: 409.
#[utoipa::path(patch, path = "/api/v1/questionnaires/{slug}/versions/{version}", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug"), ("version" = i32, Path, description = "Version number")),
    request_body = VersionRequest,
    responses((status = 200, body = VersionView), (status = 403, body = crate::error::Problem, description = "Not an administrator"), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[patch("/questionnaires/{slug}/versions/{version}")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<VersionRequest>,
    path: web::Path<(String, i32)>,
) -> Result<web::Json<VersionView>, ApiError> {
    let json = check(&body.definition)?;
    let (slug, version) = path.into_inner();
    let admin = admin.proof().clone();
    let view = state
        .db(move |c| {
            let v = kindred_app::questionnaires::update_draft(c, &admin, (&slug, version), &json)?;
            version_view(&v)
        })
        .await?;
    Ok(web::Json(view))
}
