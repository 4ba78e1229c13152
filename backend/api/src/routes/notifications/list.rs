//! `GET /me/notifications`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::views::NotificationResponse;
use crate::{ApiError, AppState};

/// A page of notifications.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    /// Newest first.
    pub items: Vec<NotificationResponse>,
    /// The next (older) page's cursor.
    pub next_cursor: Option<String>,
    /// How many of all my notifications are unread.
    pub unread_count: i64,
}

/// My notifications, newest first, with how many are unread.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = NotificationList), (status = 401, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[get("/me/notifications")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<PageQuery>,
) -> Result<web::Json<NotificationList>, ApiError> {
    let (limit, cursor) = (q.limit()?, q.cursor()?);
    let owner = user.owner();
    let (rows, next_cursor, unread_count) = state
        .db(move |c| {
            Ok(kindred_app::communities::notifications::list(c, &owner, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = rows.iter().map(NotificationResponse::from).collect();
    Ok(web::Json(NotificationList { items, next_cursor, unread_count }))
}
