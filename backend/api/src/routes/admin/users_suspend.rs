//! `POST /admin/users/{id}/suspend`

use actix_web::{post, web, HttpResponse};
use kindred_domain::account::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// Shown to the member; 3–500 characters.
    #[schema(schema_with = crate::fields::admin_reason)]
    pub reason: String,
}

/// Suspends an account: its sessions end at once and sign-in is refused with the reason.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/suspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = crate::error::Problem, description = "Not an administrator"), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/admin/users/{id}/suspend")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<ReasonRequest>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reason = parse_reason(&body.reason)?;
    let (admin, id) = (admin.proof().clone(), path.into_inner());
    state.db(move |c| Ok(kindred_app::admin::suspend(c, &admin, &id, &reason)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
