//! `POST /auth/logout`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Ends the current session: its access and refresh tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "Signed out; the refresh cookie is cleared"),
              (status = 401, body = crate::error::Problem)))]
#[post("/auth/logout")]
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let (owner, session_id) = (user.owner(), user.session_id.clone());
    state
        .db(move |c| Ok(kindred_app::accounts::sessions::sign_out(c, &owner, &session_id)?))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(crate::auth::session::clear_cookie(&state))
        .cookie(crate::auth::session::clear_hint_cookie(&state))
        .finish())
}
