//! `POST /auth/logout`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, sessions};
use kindred_domain::audit::Action;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Ends the current session: its access and refresh tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "Signed out; the refresh cookie is cleared"),
              (status = 401, body = crate::error::Problem)))]
#[post("/auth/logout")]
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    state
        .tx(move |c| {
            sessions::revoke(c, &user.session_id, "logout", kindred_db::now_utc())?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthLogout, Some(&user.id))
                    .subject("session", &user.session_id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(crate::auth::session::clear_cookie(&state))
        .cookie(crate::auth::session::clear_hint_cookie(&state))
        .finish())
}
