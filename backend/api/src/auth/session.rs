//! Sessions and their cookies, shared by the areas that sign a member in or out (auth, me):
//! opening a session, the refresh and hint cookies, the signed-in answer, email-link tokens.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpResponse;
use kindred_db::models::user::User;

use crate::views::{AuthResponse, UserResponse};
use crate::{ApiError, AppState};

/// The refresh cookie's name.
pub const REFRESH_COOKIE: &str = "kindred_refresh";
/// The refresh cookie's path: only the auth endpoints ever see it.
pub const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";
/// A cookie the web app can read, saying "this browser has a session worth refreshing". It
/// carries no secret (the value is always `1`); it spares signed-out visitors a refresh call
/// that can only fail.
pub const SESSION_HINT_COOKIE: &str = "kindred_session";
/// A session's absolute lifetime.
pub use kindred_app::accounts::signin::SESSION_DAYS;

/// The refresh cookie carrying `token`.
pub fn refresh_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_string())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(state.config.secure_cookies())
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(SESSION_DAYS))
        .finish()
}

/// A cookie that clears the refresh cookie.
pub fn clear_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = refresh_cookie(state, "");
    c.make_removal();
    c
}

/// The readable "signed in here" hint ([`SESSION_HINT_COOKIE`]).
pub fn hint_cookie(state: &AppState) -> Cookie<'static> {
    Cookie::build(SESSION_HINT_COOKIE, "1")
        .path("/")
        .http_only(false)
        .secure(state.config.secure_cookies())
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(SESSION_DAYS))
        .finish()
}

/// A cookie that clears the hint.
pub fn clear_hint_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = hint_cookie(state);
    c.make_removal();
    c
}

/// The 200 answer of login, refresh and password change: tokens in the body, refresh
/// token also in the cookie.
pub fn signed_in(
    state: &AppState,
    user: &User,
    session_id: &str,
    refresh: &str,
) -> Result<HttpResponse, ApiError> {
    let (access_token, expires_in) =
        state.jwt.issue(&user.id, session_id, kindred_db::now_utc()).map_err(ApiError::Internal)?;
    Ok(HttpResponse::Ok().cookie(refresh_cookie(state, refresh)).cookie(hint_cookie(state)).json(
        AuthResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in,
            refresh_token: refresh.to_string(),
            user: UserResponse::try_from(user)?,
        },
    ))
}
