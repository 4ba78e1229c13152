//! `audit_events` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::audit_events;

/// One audit row as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    /// Position in the chain (1, 2, …).
    pub seq: i64,
    /// When it happened (UTC).
    pub occurred_at: NaiveDateTime,
    /// The acting user, if any.
    pub actor_id: Option<String>,
    /// What happened (`auth.login_succeeded`, …).
    pub action: String,
    /// The kind of thing acted on.
    pub subject_type: Option<String>,
    /// Its id.
    pub subject_id: Option<String>,
    /// Extra detail (JSON text).
    pub details: String,
    /// The previous row's hash.
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
}

impl AuditEvent {
    /// The content the chain hashes; `occurred_at` is this row's time formatted by
    /// [`chain_time`].
    pub fn link<'a>(&'a self, occurred_at: &'a str) -> kindred_domain::audit::ChainLink<'a> {
        kindred_domain::audit::ChainLink {
            seq: self.seq,
            prev_hash: &self.prev_hash,
            occurred_at,
            actor_id: self.actor_id.as_deref(),
            action: &self.action,
            subject_type: self.subject_type.as_deref(),
            subject_id: self.subject_id.as_deref(),
            details: &self.details,
        }
    }
}

/// Formats a stored time the way the chain hashes it.
pub fn chain_time(t: &NaiveDateTime) -> String {
    t.and_utc().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
