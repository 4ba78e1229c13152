//! `GET /admin/users`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::users::{self, UserFilter};
use kindred_domain::account::{AccountStatus, Role};
use kindred_domain::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AdminUser;
use crate::pagination::PageQuery;
use crate::{ApiError, AppState};

/// Filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page (keep the same filters while paging).
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
    /// Only accounts in this standing: one of the `AccountStatus` schema's values.
    #[param(value_type = Option<AccountStatus>)]
    pub status: Option<String>,
    /// Only accounts with this role: one of the `Role` schema's values.
    #[param(value_type = Option<Role>)]
    pub role: Option<String>,
    /// Only accounts whose handle or email contains this text, ignoring case (at most 254
    /// characters; blank means no text filter).
    pub q: Option<String>,
}

impl UsersQuery {
    /// The filters, parsed; an unknown status or role, or an overlong text, is a 422 naming
    /// its parameter.
    fn filter(&self) -> Result<UserFilter, ApiError> {
        let mut errs = FieldErrors::new();
        let status = self.status.as_deref().and_then(|s| {
            let parsed = AccountStatus::parse(s);
            if parsed.is_none() {
                errs.add("status", "unknown_status", "Use active, suspended or deleted.");
            }
            parsed
        });
        let role = self.role.as_deref().and_then(|r| {
            let parsed = Role::parse(r);
            if parsed.is_none() {
                errs.add("role", "unknown_role", "Use patient, researcher or admin.");
            }
            parsed
        });
        let text = self.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if text.is_some_and(|t| t.chars().count() > 254) {
            errs.add("q", "too_long", "Search for at most 254 characters.");
        }
        errs.into_result(UserFilter { status, role, text: text.map(str::to_string) })
            .map_err(ApiError::from)
    }
}

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

/// Lists accounts, oldest first (admins), narrowed by standing, role and part of a handle or
/// email.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])), params(UsersQuery),
    responses((status = 200, body = AdminUserList), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[get("/admin/users")]
pub async fn handler(
    state: web::Data<AppState>,
    _admin: AdminUser,
    q: web::Query<UsersQuery>,
) -> Result<web::Json<AdminUserList>, ApiError> {
    let limit = PageQuery { limit: q.limit, cursor: None }.limit()?;
    let after = crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_id)?;
    let filter = q.filter()?;
    let rows = state.db(move |c| Ok(users::list(c, after.as_deref(), limit + 1, &filter)?)).await?;
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
