//! `POST /admin/users/{id}/suspend`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, sessions, users};
use kindred_domain::account::{parse_reason, AccountStatus};
use kindred_domain::audit::Action;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// Shown to the member; 3–500 characters.
    pub reason: String,
}

/// Suspends an account: its sessions end at once and sign-in is refused with the reason.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/suspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")), request_body = ReasonRequest,
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/admin/users/{id}/suspend")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<ReasonRequest>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reason = parse_reason(&body.reason)?;
    let id = path.into_inner();
    state
        .tx(move |c| {
            let u = users::find(c, &id)?.ok_or(ApiError::NotFound)?;
            if u.status()? == AccountStatus::Deleted {
                return Err(ApiError::NotFound);
            }
            if u.id == admin.0.id {
                return Err(ApiError::Conflict {
                    code: "cannot_suspend_self",
                    detail: "You cannot suspend your own account.".into(),
                });
            }
            users::set_status(c, &u.id, AccountStatus::Suspended, Some(&reason))?;
            sessions::revoke_all(c, &u.id, None, "suspended", kindred_db::now_utc())?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AdminUserSuspended, Some(&admin.0.id))
                    .subject("user", &u.id)
                    .details(serde_json::json!({ "reason": reason })),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
