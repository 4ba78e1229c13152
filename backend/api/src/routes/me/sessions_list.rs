//! `GET /me/sessions`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// A live session.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    /// Session id.
    pub id: String,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last refreshed.
    pub last_used_at: DateTime<Utc>,
    /// Ends at the latest.
    pub expires_at: DateTime<Utc>,
    /// The browser or app that started it.
    pub user_agent: Option<String>,
    /// The IP address it started from.
    pub ip: Option<String>,
    /// True for the session making this request.
    pub current: bool,
}

/// Live sessions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    /// Newest first.
    pub items: Vec<SessionResponse>,
}

/// Lists my live sessions (devices signed in).
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = crate::error::Problem)))]
#[get("/me/sessions")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<SessionList>, ApiError> {
    let owner = user.owner();
    let rows = state.db(move |c| Ok(kindred_app::accounts::sessions::list(c, &owner)?)).await?;
    let items = rows
        .into_iter()
        .map(|s| SessionResponse {
            current: s.id == user.session_id,
            id: s.id,
            created_at: s.created_at.and_utc(),
            last_used_at: s.last_used_at.and_utc(),
            expires_at: s.expires_at.and_utc(),
            user_agent: s.user_agent,
            ip: s.ip,
        })
        .collect();
    Ok(web::Json(SessionList { items }))
}
