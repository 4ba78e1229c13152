//! Sessions and their cookies, shared by the areas that sign a member in or out (auth, me):
//! opening a session, the refresh and hint cookies, the signed-in answer, email-link tokens.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpResponse;
use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::models::email_token::EmailToken;
use kindred_db::models::session::Session;
use kindred_db::models::user::User;
use kindred_db::queries::{audit, email_tokens, sessions};
use kindred_db::DbConn;
use kindred_domain::audit::Action;

use crate::auth::{tokens, ClientInfo};
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
pub const SESSION_DAYS: i64 = 30;

/// Opens a session for `user` inside the caller's transaction; returns its id and the raw
/// refresh token.
pub fn open_session(
    c: &mut DbConn,
    user: &User,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<(String, String), ApiError> {
    let refresh = tokens::generate();
    let session = Session {
        id: kindred_db::new_id(),
        user_id: user.id.clone(),
        created_at: now.naive_utc(),
        last_used_at: now.naive_utc(),
        expires_at: (now + TimeDelta::days(SESSION_DAYS)).naive_utc(),
        revoked_at: None,
        revoked_reason: None,
        user_agent: client.user_agent.clone(),
        ip: Some(client.ip.clone()),
    };
    sessions::insert(c, &session, &tokens::hash(&refresh))?;
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::AuthSessionStarted, Some(&user.id))
            .subject("session", &session.id),
    )?;
    Ok((session.id, refresh))
}

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

/// Issues a single-use email token for `purpose` (older unused ones stop working) inside the
/// caller's transaction; returns the raw token for the email link (only its hash is stored).
pub fn issue_email_token(
    c: &mut DbConn,
    user_id: &str,
    purpose: &str,
    ttl: TimeDelta,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    email_tokens::invalidate(c, user_id, purpose, now)?;
    let token = tokens::generate();
    email_tokens::insert(
        c,
        &EmailToken {
            token_hash: tokens::hash(&token),
            user_id: user_id.to_string(),
            purpose: purpose.to_string(),
            created_at: now.naive_utc(),
            expires_at: (now + ttl).naive_utc(),
            used_at: None,
        },
    )?;
    Ok(token)
}

/// A 422 for a bad or used email-link token.
pub fn invalid_token() -> ApiError {
    ApiError::field(
        "token",
        "invalid_or_expired",
        "This link is invalid, was already used or has expired. Ask for a new one.",
    )
}
