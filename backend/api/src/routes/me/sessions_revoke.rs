//! `DELETE /me/sessions/{id}`

use actix_web::{delete, web, HttpResponse};
use kindred_db::queries::{audit, sessions};
use kindred_domain::audit::Action;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Signs one of my sessions out. Someone else's session id answers 404.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
#[delete("/me/sessions/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .tx(move |c| {
            let s =
                sessions::find(c, &id)?.filter(|s| s.user_id == user.id && s.revoked_at.is_none());
            let s = s.ok_or(ApiError::NotFound)?;
            sessions::revoke(c, &s.id, "revoked_by_user", kindred_db::now_utc())?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthSessionRevoked, Some(&user.id))
                    .subject("session", &s.id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
