//! `POST /auth/refresh`

use actix_web::{post, web, HttpRequest, HttpResponse};
use kindred_app::accounts::sessions::{self, Refreshed};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState, Json};

/// The refresh token, for clients without the cookie. Browsers send `{}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh (omit to use the cookie).
    #[serde(default)]
    pub refresh_token: Option<String>,
}

fn ended() -> ApiError {
    ApiError::unauthorized("Your session has ended. Sign in again.")
}

/// Exchanges a refresh token (cookie or body) for a new access token and a new refresh token.
/// A refresh token works once: presenting one that was already exchanged ends the whole
/// session, since either it or its successor is in someone else's hands.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = crate::views::AuthResponse), (status = 401, body = crate::error::Problem)))]
#[post("/auth/refresh")]
pub async fn handler(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let from_body = body.into_inner().refresh_token;
    let token = from_body
        .or_else(|| req.cookie(crate::auth::session::REFRESH_COOKIE).map(|c| c.value().to_string()))
        .unwrap_or_default();
    match state.db(move |c| Ok(sessions::refresh(c, &token)?)).await? {
        Refreshed::Rotated { user, session_id, refresh } => {
            crate::auth::session::signed_in(&state, &user, &session_id, &refresh)
        }
        Refreshed::Replayed | Refreshed::Invalid => ended_response(&state),
    }
}

/// The 401 for a refresh that cannot work, clearing both session cookies.
fn ended_response(state: &AppState) -> Result<HttpResponse, ApiError> {
    let mut res = actix_web::ResponseError::error_response(&ended());
    res.add_cookie(&crate::auth::session::clear_cookie(state)).map_err(ApiError::internal)?;
    res.add_cookie(&crate::auth::session::clear_hint_cookie(state)).map_err(ApiError::internal)?;
    Ok(res)
}
