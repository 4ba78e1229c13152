//! Appending to and verifying the audit chain.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::models::audit_event::{chain_time, AuditEvent};
use crate::schema::{audit_chain_head, audit_events};
use crate::{now_utc, write_tx, DbConn, DbError};

/// An event to record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    /// The acting user, if any.
    pub actor_id: Option<&'a str>,
    /// What happened, dotted (`auth.login_succeeded`).
    pub action: &'a str,
    /// The kind of thing acted on (`user`, `session`, …).
    pub subject_type: Option<&'a str>,
    /// Its id.
    pub subject_id: Option<&'a str>,
    /// Extra detail; never secrets, never health data.
    pub details: serde_json::Value,
}

impl<'a> NewAuditEvent<'a> {
    /// An event with no subject and no details.
    pub fn new(action: kindred_domain::audit::Action, actor_id: Option<&'a str>) -> Self {
        Self::custom(action.as_str(), actor_id)
    }

    /// An event with an action name of the caller's choosing: for tests of the chain itself
    /// and tooling. Everything Kindred does records a [`kindred_domain::audit::Action`].
    pub fn custom(action: &'a str, actor_id: Option<&'a str>) -> Self {
        Self {
            actor_id,
            action,
            subject_type: None,
            subject_id: None,
            details: serde_json::json!({}),
        }
    }

    /// Names the subject.
    pub fn subject(mut self, kind: &'a str, id: &'a str) -> Self {
        self.subject_type = Some(kind);
        self.subject_id = Some(id);
        self
    }

    /// Sets the details.
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// Appends an event to the chain and returns its sequence number.
///
/// Call it inside the transaction of the action it records, so both commit or neither does.
/// The chain head row is updated first, which locks it until commit: concurrent appends queue
/// behind each other instead of forking the chain.
pub fn record(conn: &mut DbConn, ev: &NewAuditEvent<'_>) -> Result<i64, DbError> {
    write_tx(conn, |c| {
        diesel::update(audit_chain_head::table.find(1))
            .set(audit_chain_head::seq.eq(audit_chain_head::seq + 1))
            .execute(c)?;
        let (seq, prev_hash): (i64, String) = audit_chain_head::table
            .find(1)
            .select((audit_chain_head::seq, audit_chain_head::hash))
            .first(c)?;
        let mut row = AuditEvent {
            seq,
            occurred_at: now_utc().naive_utc(),
            actor_id: ev.actor_id.map(str::to_string),
            action: ev.action.to_string(),
            subject_type: ev.subject_type.map(str::to_string),
            subject_id: ev.subject_id.map(str::to_string),
            details: ev.details.to_string(),
            prev_hash,
            hash: String::new(),
        };
        let t = chain_time(&row.occurred_at);
        row.hash = row.link(&t).hash();
        diesel::insert_into(audit_events::table).values(&row).execute(c)?;
        diesel::update(audit_chain_head::table.find(1))
            .set(audit_chain_head::hash.eq(&row.hash))
            .execute(c)?;
        Ok(seq)
    })
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// How many rows were checked.
    pub checked: i64,
    /// The first row whose link is broken, if any.
    pub first_broken: Option<i64>,
    /// Why it is broken.
    pub reason: Option<String>,
}

/// Walks the whole chain in order and reports the first broken link: a gap in the sequence, a
/// `prev_hash` that is not the previous row's hash, or a hash that does not match the row's
/// content. A head that disagrees with the last row (rows cut off the end) is reported too.
pub fn verify(conn: &mut DbConn) -> Result<VerifyReport, DbError> {
    const BATCH: i64 = 1000;
    let mut expected_seq = 1i64;
    let mut prev = kindred_domain::audit::GENESIS_HASH.to_string();
    let broken = |seq: i64, checked: i64, why: &str| VerifyReport {
        checked,
        first_broken: Some(seq),
        reason: Some(why.to_string()),
    };
    loop {
        let rows: Vec<AuditEvent> = audit_events::table
            .filter(audit_events::seq.ge(expected_seq))
            .order(audit_events::seq.asc())
            .limit(BATCH)
            .select(AuditEvent::as_select())
            .load(conn)?;
        let n = rows.len() as i64;
        for row in rows {
            let checked = expected_seq - 1;
            if row.seq != expected_seq {
                return Ok(broken(expected_seq, checked, "row missing from the sequence"));
            }
            if row.prev_hash != prev {
                return Ok(broken(row.seq, checked, "prev_hash does not match the previous row"));
            }
            let t = chain_time(&row.occurred_at);
            if row.link(&t).hash() != row.hash {
                return Ok(broken(row.seq, checked, "hash does not match the row's content"));
            }
            prev = row.hash;
            expected_seq += 1;
        }
        if n < BATCH {
            break;
        }
    }
    let checked = expected_seq - 1;
    let (head_seq, head_hash): (i64, String) = audit_chain_head::table
        .find(1)
        .select((audit_chain_head::seq, audit_chain_head::hash))
        .first(conn)?;
    if head_seq != checked || head_hash != prev {
        return Ok(broken(checked + 1, checked, "rows are missing from the end of the chain"));
    }
    Ok(VerifyReport { checked, first_broken: None, reason: None })
}

/// What the admins' view of the audit log is narrowed to (every field optional; all that are
/// set must hold).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this action (its stored name, e.g. `auth.login_failed`).
    pub action: Option<String>,
    /// Only events by this user id.
    pub actor_id: Option<String>,
    /// Only events about this kind of thing (`user`, `community`, …).
    pub subject_type: Option<String>,
    /// Only events about the thing with this id.
    pub subject_id: Option<String>,
    /// Only events at or after this time.
    pub from: Option<NaiveDateTime>,
    /// Only events before this time.
    pub to: Option<NaiveDateTime>,
}

/// Lists events newest first (`before` = a seq cursor), by action and actor only.
pub fn list(
    conn: &mut DbConn,
    before: Option<i64>,
    limit: i64,
    action: Option<&str>,
    actor_id: Option<&str>,
) -> Result<Vec<AuditEvent>, DbError> {
    let filter = AuditFilter {
        action: action.map(str::to_string),
        actor_id: actor_id.map(str::to_string),
        ..AuditFilter::default()
    };
    list_filtered(conn, before, limit, &filter)
}

/// Lists events newest first, for admins (`before` = a seq cursor), narrowed by `filter`.
pub fn list_filtered(
    conn: &mut DbConn,
    before: Option<i64>,
    limit: i64,
    filter: &AuditFilter,
) -> Result<Vec<AuditEvent>, DbError> {
    let mut q = audit_events::table.select(AuditEvent::as_select()).into_boxed();
    if let Some(b) = before {
        q = q.filter(audit_events::seq.lt(b));
    }
    if let Some(a) = &filter.action {
        q = q.filter(audit_events::action.eq(a.clone()));
    }
    if let Some(a) = &filter.actor_id {
        q = q.filter(audit_events::actor_id.eq(a.clone()));
    }
    if let Some(t) = &filter.subject_type {
        q = q.filter(audit_events::subject_type.eq(t.clone()));
    }
    if let Some(i) = &filter.subject_id {
        q = q.filter(audit_events::subject_id.eq(i.clone()));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(to) = filter.to {
        q = q.filter(audit_events::occurred_at.lt(to));
    }
    Ok(q.order(audit_events::seq.desc()).limit(limit).load(conn)?)
}

/// Events a member did or that were about them (for their data export), oldest first.
pub fn list_about(
    conn: &mut DbConn,
    user_id: &str,
    after_seq: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEvent>, DbError> {
    Ok(audit_events::table
        .filter(
            audit_events::actor_id.eq(user_id).or(audit_events::subject_type
                .eq("user")
                .and(audit_events::subject_id.eq(user_id))),
        )
        .filter(audit_events::seq.gt(after_seq.unwrap_or(0)))
        .order(audit_events::seq.asc())
        .limit(limit)
        .select(AuditEvent::as_select())
        .load(conn)?)
}
