//! `POST /admin/users/{id}/unsuspend`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, users};
use kindred_domain::account::parse_reason;
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;

use super::users_suspend::ReasonRequest;
use crate::auth::AdminUser;
use crate::{ApiError, AppState, Json};

/// Lifts a suspension.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unsuspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")), request_body = ReasonRequest,
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/admin/users/{id}/unsuspend")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<String>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let reason = parse_reason(&body.into_inner().reason)?;
    let id = path.into_inner();
    state
        .tx(move |c| {
            let u = users::find(c, &id)?.ok_or(ApiError::NotFound)?;
            if u.status()? != AccountStatus::Suspended {
                return Err(ApiError::NotFound);
            }
            users::set_status(c, &u.id, AccountStatus::Active, None)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AdminUserUnsuspended, Some(&admin.0.id))
                    .subject("user", &u.id)
                    .details(serde_json::json!({ "reason": reason })),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
