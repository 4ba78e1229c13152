//! `POST /auth/refresh`

use actix_web::{post, web, HttpRequest, HttpResponse};
use kindred_db::queries::{audit, sessions, users};
use kindred_domain::audit::Action;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::tokens;
use crate::{ApiError, AppState, Json};

/// The refresh token, for clients without the cookie. Browsers send `{}`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh (omit to use the cookie).
    #[serde(default)]
    pub refresh_token: Option<String>,
}

enum Outcome {
    Refreshed(Box<kindred_db::models::user::User>, String, String),
    Replayed,
    Invalid,
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
    let Some(token) = from_body
        .or_else(|| req.cookie(crate::auth::session::REFRESH_COOKIE).map(|c| c.value().to_string()))
        .filter(|t| !t.is_empty() && t.len() <= 200)
    else {
        return ended_response(&state);
    };
    let hash = tokens::hash(&token);
    let outcome = state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            let Some(rt) = sessions::find_refresh(c, &hash)? else { return Ok(Outcome::Invalid) };
            if rt.used_at.is_some() || !sessions::use_refresh(c, &hash, now)? {
                if sessions::revoke(c, &rt.session_id, "refresh_reuse", now)? {
                    let owner = sessions::find(c, &rt.session_id)?.map(|s| s.user_id);
                    audit::record(
                        c,
                        &audit::NewAuditEvent::new(Action::AuthRefreshReuse, owner.as_deref())
                            .subject("session", &rt.session_id),
                    )?;
                }
                return Ok(Outcome::Replayed);
            }
            let Some((session, user)) = sessions::find_live(c, &rt.session_id, now)? else {
                return Ok(Outcome::Invalid);
            };
            let next = tokens::generate();
            sessions::add_refresh(c, &session.id, &tokens::hash(&next), now)?;
            let user = users::find(c, &user.id)?.ok_or(ApiError::NotFound)?;
            Ok(Outcome::Refreshed(Box::new(user), session.id, next))
        })
        .await?;
    match outcome {
        Outcome::Refreshed(user, session_id, next) => {
            crate::auth::session::signed_in(&state, &user, &session_id, &next)
        }
        Outcome::Replayed | Outcome::Invalid => ended_response(&state),
    }
}

/// The 401 for a refresh that cannot work, clearing both session cookies.
fn ended_response(state: &AppState) -> Result<HttpResponse, ApiError> {
    let mut res = actix_web::ResponseError::error_response(&ended());
    res.add_cookie(&crate::auth::session::clear_cookie(state)).map_err(ApiError::internal)?;
    res.add_cookie(&crate::auth::session::clear_hint_cookie(state)).map_err(ApiError::internal)?;
    Ok(res)
}
