//! `GET /admin/audit`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::audit;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AdminUser;
use crate::{ApiError, AppState};

/// Filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
    /// Only this action (e.g. `auth.login_failed`); one of the `Action` schema's values.
    pub action: Option<String>,
    /// Only events by this user id.
    pub actor: Option<String>,
}

/// An audit event.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    /// Position in the chain.
    pub seq: i64,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Who acted.
    pub actor_id: Option<String>,
    /// What happened.
    pub action: String,
    /// Kind of thing acted on.
    pub subject_type: Option<String>,
    /// Its id.
    pub subject_id: Option<String>,
    /// Detail.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// This row's chain hash.
    pub hash: String,
}

/// A page of audit events.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    /// Newest first.
    pub items: Vec<AuditEventView>,
    /// Cursor of the next (older) page, or null.
    pub next_cursor: Option<String>,
}

/// Reads the audit log, newest first (admins).
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 403, body = crate::error::Problem)))]
#[get("/admin/audit")]
pub async fn handler(
    state: web::Data<AppState>,
    _admin: AdminUser,
    q: web::Query<AuditQuery>,
) -> Result<web::Json<AuditList>, ApiError> {
    let q = q.into_inner();
    let limit = crate::pagination::PageQuery { limit: q.limit, cursor: None }.limit()?;
    let before = crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_seq)?;
    if let Some(a) = q.action.as_deref() {
        if kindred_domain::audit::Action::parse(a).is_none() {
            return Err(ApiError::field(
                "action",
                "unknown_action",
                "There is no such audit action (see the Action schema).",
            ));
        }
    }
    let rows = state
        .db(move |c| {
            Ok(audit::list(c, before, limit + 1, q.action.as_deref(), q.actor.as_deref())?)
        })
        .await?;
    let (rows, next_cursor) = page::cut(rows, limit, |e| Cursor::seq(e.seq));
    let items: Vec<AuditEventView> = rows
        .into_iter()
        .map(|e| AuditEventView {
            seq: e.seq,
            occurred_at: e.occurred_at.and_utc(),
            details: serde_json::from_str(&e.details).unwrap_or(serde_json::Value::Null),
            actor_id: e.actor_id,
            action: e.action,
            subject_type: e.subject_type,
            subject_id: e.subject_id,
            hash: e.hash,
        })
        .collect();
    Ok(web::Json(AuditList { items, next_cursor }))
}
