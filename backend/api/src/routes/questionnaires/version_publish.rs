//! `POST /questionnaires/{slug}/versions/{version}/publish`

use actix_web::{post, web, HttpResponse};

use crate::auth::AdminUser;
use crate::{ApiError, AppState};

/// Publishes a draft (admins): members can answer it, and it can never change again.
#[utoipa::path(post, path = "/api/v1/questionnaires/{slug}/versions/{version}/publish", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug"), ("version" = i32, Path, description = "Version number")),
    responses((status = 204), (status = 403, body = crate::error::Problem, description = "Not an administrator"), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/questionnaires/{slug}/versions/{version}/publish")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, version) = path.into_inner();
    let admin = admin.proof().clone();
    state.db(move |c| Ok(kindred_app::questionnaires::publish(c, &admin, &slug, version)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
