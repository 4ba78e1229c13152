//! `GET /admin/users`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::users;
use kindred_domain::account::{AccountStatus, Role};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AdminUser;
use crate::pagination::PageQuery;
use crate::{ApiError, AppState};

/// An account as admins see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserView {
    /// Id.
    pub id: String,
    /// Email (null once erased).
    pub email: Option<String>,
    /// Handle.
    pub handle: String,
    /// Role.
    pub role: Role,
    /// Standing.
    pub status: AccountStatus,
    /// Reason given for the current status.
    pub status_reason: Option<String>,
    /// Email confirmed.
    pub email_verified: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A page of accounts.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminUserList {
    /// Accounts, oldest first.
    pub items: Vec<AdminUserView>,
    /// Cursor of the next page, or null.
    pub next_cursor: Option<String>,
}

/// Lists accounts (admins).
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = AdminUserList), (status = 403, body = crate::error::Problem)))]
#[get("/admin/users")]
pub async fn handler(
    state: web::Data<AppState>,
    _admin: AdminUser,
    q: web::Query<PageQuery>,
) -> Result<web::Json<AdminUserList>, ApiError> {
    let limit = q.limit()?;
    let after = crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_id)?;
    let rows = state.db(move |c| Ok(users::list(c, after.as_deref(), limit + 1)?)).await?;
    let (rows, next_cursor) = page::cut(rows, limit, |u| Cursor::id(&u.id));
    let items = rows
        .into_iter()
        .map(|u| {
            Ok(AdminUserView {
                role: u.role()?,
                status: u.status()?,
                email_verified: u.email_verified_at.is_some(),
                created_at: u.created_at.and_utc(),
                id: u.id,
                email: u.email,
                handle: u.handle,
                status_reason: u.status_reason,
            })
        })
        .collect::<Result<Vec<_>, kindred_db::DbError>>()?;
    Ok(web::Json(AdminUserList { items, next_cursor }))
}
