//! `POST /admin/users/{id}/unsuspend`

use actix_web::{post, web, HttpResponse};
use kindred_domain::account::parse_reason;

use super::users_suspend::ReasonRequest;
use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Lifts a suspension.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unsuspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = crate::error::Problem, description = "Not an administrator"), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/admin/users/{id}/unsuspend")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<ReasonRequest>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reason = parse_reason(&body.reason)?;
    let (admin, id) = (admin.proof().clone(), path.into_inner());
    state.db(move |c| Ok(kindred_app::admin::unsuspend(c, &admin, &id, &reason)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
