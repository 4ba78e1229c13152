//! Failed password checks, keyed by a hash of the email address (whether or not an account
//! has it) and the client IP: the input of the sign-in backoff.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::schema::auth_failures;
use crate::{new_id, DbConn, DbError};

/// Failures for one account key since a time: in all, and from one IP; each with the time of
/// the latest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Recent {
    /// Failures from every address.
    pub total: i64,
    /// The latest of them.
    pub total_last: Option<DateTime<Utc>>,
    /// Failures from this IP.
    pub from_ip: i64,
    /// The latest of them.
    pub from_ip_last: Option<DateTime<Utc>>,
}

/// Counts the recent failures for `account_key` (and from `ip`).
pub fn recent(
    conn: &mut DbConn,
    account_key: &str,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<Recent, DbError> {
    // One query: per IP, how many and the latest; the caller's IP is one of the groups.
    let groups: Vec<(String, i64, Option<NaiveDateTime>)> = auth_failures::table
        .filter(auth_failures::account_key.eq(account_key.to_string()))
        .filter(auth_failures::failed_at.gt(since.naive_utc()))
        .group_by(auth_failures::ip)
        .select((
            auth_failures::ip,
            diesel::dsl::count_star(),
            diesel::dsl::max(auth_failures::failed_at),
        ))
        .load(conn)?;
    let mut r = Recent::default();
    for (from, n, last) in groups {
        let last = last.map(|t| t.and_utc());
        r.total += n;
        r.total_last = r.total_last.max(last);
        if from == ip {
            r.from_ip = n;
            r.from_ip_last = last;
        }
    }
    Ok(r)
}

/// Holds the sign-in attempts of one account key to one at a time until the transaction ends,
/// so that checking the backoff and counting an attempt are one step. On PostgreSQL a
/// transaction-scoped advisory lock on the key; SQLite's write transactions already run one
/// at a time (`BEGIN IMMEDIATE`).
pub fn lock(conn: &mut DbConn, account_key: &str) -> Result<(), DbError> {
    if let DbConn::Postgresql(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(account_key)
            .execute(c)?;
    }
    Ok(())
}

/// Records one failure (returning its id); forgets this key's failures older than
/// `forget_before`.
pub fn record(
    conn: &mut DbConn,
    account_key: &str,
    ip: &str,
    now: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<String, DbError> {
    diesel::delete(
        auth_failures::table
            .filter(auth_failures::account_key.eq(account_key))
            .filter(auth_failures::failed_at.lt(forget_before.naive_utc())),
    )
    .execute(conn)?;
    let id = new_id();
    diesel::insert_into(auth_failures::table)
        .values((
            auth_failures::id.eq(&id),
            auth_failures::account_key.eq(account_key),
            auth_failures::ip.eq(ip),
            auth_failures::failed_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Forgets one recorded failure (an attempt counted in advance whose password matched).
pub fn remove(conn: &mut DbConn, id: &str) -> Result<(), DbError> {
    diesel::delete(auth_failures::table.filter(auth_failures::id.eq(id))).execute(conn)?;
    Ok(())
}

/// Forgets the failures of `account_key` (all of them, or only those from `ip`).
pub fn clear(conn: &mut DbConn, account_key: &str, ip: Option<&str>) -> Result<(), DbError> {
    match ip {
        Some(ip) => diesel::delete(
            auth_failures::table
                .filter(auth_failures::account_key.eq(account_key))
                .filter(auth_failures::ip.eq(ip)),
        )
        .execute(conn)?,
        None => {
            diesel::delete(auth_failures::table.filter(auth_failures::account_key.eq(account_key)))
                .execute(conn)?
        }
    };
    Ok(())
}

/// Forgets every failure older than `before` (the retention sweep: failures older than the
/// backoff window no longer count, and each holds an IP address); returns how many.
pub fn delete_before(conn: &mut DbConn, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(auth_failures::table.filter(auth_failures::failed_at.lt(before.naive_utc())))
        .execute(conn)?)
}
