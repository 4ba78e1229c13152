//! `GET /admin/audit`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::audit::{self, AuditFilter};
use kindred_domain::audit::Action;
use kindred_domain::FieldErrors;
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
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
    /// Only this action (e.g. `auth.login_failed`); one of the `Action` schema's values.
    #[param(value_type = Option<Action>)]
    pub action: Option<String>,
    /// Only events by this user id (a UUID).
    #[param(schema_with = crate::fields::uuid)]
    pub actor: Option<String>,
    /// Only events about this kind of thing (`user`, `community`, `study`, …): lower-case
    /// letters and `_`, at most 50.
    #[param(pattern = "^[a-z_]{1,50}$")]
    pub subject_type: Option<String>,
    /// Only events about the thing with this id (at most 100 characters).
    #[param(min_length = 1, max_length = 100)]
    pub subject_id: Option<String>,
    /// Only events at or after this time (RFC 3339, e.g. `2026-01-31T00:00:00Z`).
    #[param(value_type = Option<DateTime<Utc>>)]
    pub from: Option<String>,
    /// Only events before this time (RFC 3339); after `from` when both are given.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub to: Option<String>,
}

impl AuditQuery {
    /// The filters, parsed; each bad one is a 422 naming its parameter.
    fn filter(self) -> Result<AuditFilter, ApiError> {
        let mut errs = FieldErrors::new();
        if self.action.as_deref().is_some_and(|a| Action::parse(a).is_none()) {
            errs.add(
                "action",
                "unknown_action",
                "There is no such audit action (see the Action schema).",
            );
        }
        let id_ok = |s: &str| {
            s.len() == 36
                && s.bytes().enumerate().all(|(i, b)| {
                    if [8, 13, 18, 23].contains(&i) {
                        b == b'-'
                    } else {
                        b.is_ascii_hexdigit()
                    }
                })
        };
        if self.actor.as_deref().is_some_and(|a| !id_ok(a)) {
            errs.add("actor", "invalid_actor", "Give a user id (a UUID).");
        }
        let subject_type_ok = |t: &str| {
            (1..=50).contains(&t.len()) && t.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        };
        if self.subject_type.as_deref().is_some_and(|t| !subject_type_ok(t)) {
            errs.add(
                "subject_type",
                "invalid_subject_type",
                "Use a kind of thing like user or community (lower-case letters and _).",
            );
        }
        if self.subject_id.as_deref().is_some_and(|i| i.is_empty() || i.chars().count() > 100) {
            errs.add("subject_id", "invalid_subject_id", "Give an id of 1–100 characters.");
        }
        let mut time = |field: &str, raw: &Option<String>| {
            let raw = raw.as_deref()?;
            let t = kindred_domain::measurement::parse_time(raw);
            if t.is_none() {
                errs.add(field, "invalid_datetime", "Use RFC 3339, like 2026-01-31T00:00:00Z.");
            }
            t.map(|t| t.naive_utc())
        };
        let (from, to) = (time("from", &self.from), time("to", &self.to));
        if let (Some(f), Some(t)) = (from, to) {
            if t <= f {
                errs.add("to", "before_from", "The end of the range must come after its start.");
            }
        }
        let filter = AuditFilter {
            action: self.action,
            actor_id: self.actor,
            subject_type: self.subject_type,
            subject_id: self.subject_id,
            from,
            to,
        };
        errs.into_result(filter).map_err(ApiError::from)
    }
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

/// Reads the audit log, newest first (admins), narrowed by action, actor, subject and time.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[get("/admin/audit")]
pub async fn handler(
    state: web::Data<AppState>,
    _admin: AdminUser,
    q: web::Query<AuditQuery>,
) -> Result<web::Json<AuditList>, ApiError> {
    let q = q.into_inner();
    let limit = crate::pagination::PageQuery { limit: q.limit, cursor: None }.limit()?;
    let before = crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_seq)?;
    let filter = q.filter()?;
    let rows = state.db(move |c| Ok(audit::list_filtered(c, before, limit + 1, &filter)?)).await?;
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
