//! `GET /admin/flags`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AdminUser;
use crate::pagination::PageQuery;
use crate::{ApiError, AppState};

/// An account flagged to admins.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagView {
    /// Id.
    pub id: String,
    /// The account's user id.
    pub user_id: String,
    /// What kind of flag (`scraping`: read community content faster than a person can).
    pub kind: String,
    /// What was seen.
    pub details: String,
    /// Flagged.
    pub created_at: DateTime<Utc>,
}

/// A page of flags.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagList {
    /// Newest first.
    pub items: Vec<FlagView>,
    /// The next (older) page's cursor.
    pub next_cursor: Option<String>,
}

/// Open flags on accounts, newest first (admins): today, accounts that read community
/// content faster than a person can (flagged at most once an hour).
#[utoipa::path(get, path = "/api/v1/admin/flags", tag = "admin", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = FlagList), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[get("/admin/flags")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    q: web::Query<PageQuery>,
) -> Result<web::Json<FlagList>, ApiError> {
    let (limit, cursor) = (q.limit()?, q.cursor()?);
    let admin = admin.proof().clone();
    let (rows, next_cursor) = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::flags(c, &admin, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|f| FlagView {
            id: f.id,
            user_id: f.user_id,
            kind: f.kind,
            details: f.details,
            created_at: f.created_at.and_utc(),
        })
        .collect();
    Ok(web::Json(FlagList { items, next_cursor }))
}
