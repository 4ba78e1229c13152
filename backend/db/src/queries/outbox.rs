//! The transactional email outbox.

use chrono::{DateTime, TimeDelta, Utc};
use diesel::prelude::*;

use crate::lease::{self, Claim};
use crate::models::outbox::OutboxEmail;
use crate::schema::outbox;
use crate::{new_id, write_tx, DbConn, DbError};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewEmail<'a> {
    /// The member it concerns, if any.
    pub user_id: Option<&'a str>,
    /// Recipient.
    pub to: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Plain-text body.
    pub text: &'a str,
    /// HTML body.
    pub html: &'a str,
    /// What kind of email it is (cooldowns count per recipient and kind).
    pub kind: &'a str,
}

/// Queues an email; call it in the transaction of the action that causes it, so the email
/// exists if and only if the action committed.
pub fn enqueue(conn: &mut DbConn, e: &NewEmail<'_>) -> Result<String, DbError> {
    let now = crate::now_utc().naive_utc();
    let id = new_id();
    diesel::insert_into(outbox::table)
        .values(&OutboxEmail {
            id: id.clone(),
            user_id: e.user_id.map(str::to_string),
            to_address: e.to.to_string(),
            subject: e.subject.to_string(),
            body_text: e.text.to_string(),
            body_html: e.html.to_string(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            last_error: None,
            kind: e.kind.to_string(),
            failed_at: None,
        })
        .execute(conn)?;
    Ok(id)
}

/// Claims up to `limit` due messages for `lease`, so another sender (another replica) passes
/// over them until the lease lapses; a message whose sender stopped or crashed before
/// recording the delivery is claimed again then (at least once, never lost). The claim is the
/// one the job queue uses ([`crate::lease`]): `FOR UPDATE SKIP LOCKED` on PostgreSQL, the write
/// lock of `BEGIN IMMEDIATE` on SQLite. The messages come back oldest-due first.
pub fn claim_due(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    lease: TimeDelta,
    limit: i64,
) -> Result<Vec<OutboxEmail>, DbError> {
    let n = now.naive_utc();
    let spec = Claim {
        table: "outbox",
        due: "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now} \
              AND (locked_until IS NULL OR locked_until < {now})",
        only: None,
        order_by: "next_attempt_at, id",
        set: "locked_until = {until}",
    };
    write_tx(conn, |c| {
        let ids = lease::claim_ids(c, &spec, n, n + lease, limit)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(outbox::table
            .filter(outbox::id.eq_any(&ids))
            .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
            .select(OutboxEmail::as_select())
            .load(c)?)
    })
}

/// Records a delivery and clears the body: once sent, only the envelope is kept.
pub fn mark_sent(conn: &mut DbConn, id: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(Some(now.naive_utc())),
            outbox::locked_until.eq(None::<chrono::NaiveDateTime>),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt and when to retry.
pub fn mark_failed(
    conn: &mut DbConn,
    id: &str,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), DbError> {
    let error: String = error.chars().take(500).collect();
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(retry_at.naive_utc()),
            outbox::locked_until.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives up on a message the transport can never deliver: the attempt is recorded, then no
/// more retries and the body cleared.
pub fn mark_undeliverable(
    conn: &mut DbConn,
    id: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    mark_failed(conn, id, error, now)?;
    diesel::update(outbox::table.find(id))
        .set((
            outbox::failed_at.eq(Some(now.naive_utc())),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many emails of `kind` were queued for `to` since each of two times (the cooldown
/// window and the day), for the per-recipient limits.
pub fn count_recent(
    conn: &mut DbConn,
    to: &str,
    kind: &str,
    short_since: DateTime<Utc>,
    day_since: DateTime<Utc>,
) -> Result<(i64, i64), DbError> {
    let q = || {
        outbox::table
            .filter(outbox::to_address.eq(to.to_string()))
            .filter(outbox::kind.eq(kind.to_string()))
    };
    let short: i64 =
        q().filter(outbox::created_at.gt(short_since.naive_utc())).count().get_result(conn)?;
    let day: i64 =
        q().filter(outbox::created_at.gt(day_since.naive_utc())).count().get_result(conn)?;
    Ok((short, day))
}

/// Finds one message.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<OutboxEmail>, DbError> {
    Ok(outbox::table.find(id).select(OutboxEmail::as_select()).first(conn).optional()?)
}

/// Messages that concern a member (export).
pub fn list_for_user(conn: &mut DbConn, user_id: &str) -> Result<Vec<OutboxEmail>, DbError> {
    Ok(outbox::table
        .filter(outbox::user_id.eq(user_id))
        .order(outbox::created_at.asc())
        .select(OutboxEmail::as_select())
        .load(conn)?)
}

/// Deletes every message that concerns a member (erasure).
pub fn delete_for_user(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(outbox::table.filter(outbox::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
