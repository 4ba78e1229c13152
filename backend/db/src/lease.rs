//! Claiming rows under a lease: the one claim the job queue (`queries::jobs`) and the email
//! outbox (`queries::outbox`) share.
//!
//! A worker takes a due row by setting its lease, a time until which the row is the worker's;
//! other workers pass over a leased row until the lease lapses. A row whose worker stopped or
//! crashed before reporting back is therefore claimed again once its lease lapses: work is
//! done at least once, never lost. What "due" means and what a claim writes differ per table;
//! how two claimers are kept from taking the same row is written here, once:
//!
//! - **PostgreSQL**: one `UPDATE … WHERE id IN (SELECT id … FOR UPDATE SKIP LOCKED) RETURNING
//!   id`. The subquery locks the rows it picks and skips rows another claimer's transaction
//!   holds, so concurrent claimers take disjoint rows without waiting on each other; a row a
//!   claimer committed in the meantime is re-checked against the condition and left out.
//! - **SQLite**: the due ids are selected, then updated, inside [`write_tx`], whose
//!   `BEGIN IMMEDIATE` takes the database's write lock *before* the select: no other claimer
//!   can read the same rows as due until this claim has committed.
//!
//! Why the outbox shares this claim rather than running on the job runner: the mail sender
//! needs the mail transport and the wake-up signal of the HTTP layer (`kindred_api`), which
//! the synchronous runner in `kindred_app` must not depend on, and its rows carry their own
//! delivery semantics (a transport's permanent refusal, bodies cleared once sent, per-kind
//! cooldowns counted on the same rows) that a generic job row would have to reproduce. Sharing
//! the claim is the smaller change that gives both the same guarantee, and keeps the outbox's
//! columns, its at-least-once tests and the shutdown drain exactly as they were.

use chrono::NaiveDateTime;
use diesel::pg::Pg;
use diesel::sql_types::{BigInt, Text, Timestamp};
use diesel::sqlite::Sqlite;
use diesel::{QueryableByName, RunQueryDsl};

use crate::{write_tx, DbConn, DbError};

/// What a claim takes and what it writes.
pub(crate) struct Claim<'a> {
    /// The table: an identifier from our own code, never input.
    pub table: &'static str,
    /// SQL condition for a row that may be claimed now; `{now}` stands for the claim time.
    pub due: &'static str,
    /// Only rows whose column holds one of these values (bound as parameters, not spliced).
    pub only: Option<(&'static str, &'a [&'a str])>,
    /// Claiming order (the longest-due first).
    pub order_by: &'static str,
    /// What a claim writes; `{now}` and `{until}` (the end of the lease) may appear.
    pub set: &'static str,
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Fills in the placeholders: `$n` on PostgreSQL, `?n` (SQLite's numbered form) otherwise.
fn render(template: &str, pg: bool) -> String {
    let p = if pg { "$" } else { "?" };
    template.replace("{now}", &format!("{p}1")).replace("{until}", &format!("{p}2"))
}

/// `p{first}, p{first+1}, …` for `n` values.
fn params(pg: bool, first: usize, n: usize) -> String {
    let p = if pg { "$" } else { "?" };
    (first..first + n).map(|i| format!("{p}{i}")).collect::<Vec<_>>().join(", ")
}

/// Claims up to `limit` due rows until `until`; returns their ids (in no particular order).
pub(crate) fn claim_ids(
    conn: &mut DbConn,
    spec: &Claim<'_>,
    now: NaiveDateTime,
    until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<String>, DbError> {
    let values: &[&str] = spec.only.map(|(_, v)| v).unwrap_or(&[]);
    if limit <= 0 || spec.only.is_some_and(|(_, v)| v.is_empty()) {
        return Ok(Vec::new());
    }
    let Claim { table, due, order_by, set, .. } = spec;
    write_tx(conn, |c| match c {
        DbConn::Postgresql(pg) => {
            let only = match spec.only {
                Some((column, v)) => format!(" AND {column} IN ({})", params(true, 4, v.len())),
                None => String::new(),
            };
            let sql = format!(
                "UPDATE {table} SET {set} WHERE id IN (\
                   SELECT id FROM {table} WHERE ({due}){only} ORDER BY {order_by} LIMIT $3 \
                   FOR UPDATE SKIP LOCKED) \
                 RETURNING id",
                set = render(set, true),
                due = render(due, true),
            );
            let mut q = diesel::sql_query(sql)
                .into_boxed::<Pg>()
                .bind::<Timestamp, _>(now)
                .bind::<Timestamp, _>(until)
                .bind::<BigInt, _>(limit);
            for v in values {
                q = q.bind::<Text, _>(v.to_string());
            }
            Ok(q.load::<IdRow>(pg)?.into_iter().map(|r| r.id).collect())
        }
        DbConn::Sqlite(lite) => {
            // Inside BEGIN IMMEDIATE: the write lock is held from here to the commit.
            let only = match spec.only {
                Some((column, v)) => format!(" AND {column} IN ({})", params(false, 3, v.len())),
                None => String::new(),
            };
            let select = format!(
                "SELECT id FROM {table} WHERE ({due}){only} ORDER BY {order_by} LIMIT ?2",
                due = render(due, false),
            );
            let mut q = diesel::sql_query(select)
                .into_boxed::<Sqlite>()
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit);
            for v in values {
                q = q.bind::<Text, _>(v.to_string());
            }
            let ids: Vec<String> = q.load::<IdRow>(lite)?.into_iter().map(|r| r.id).collect();
            if ids.is_empty() {
                return Ok(ids);
            }
            let update = format!(
                "UPDATE {table} SET {set} WHERE id IN ({})",
                params(false, 3, ids.len()),
                set = render(set, false),
            );
            let mut q = diesel::sql_query(update)
                .into_boxed::<Sqlite>()
                .bind::<Timestamp, _>(now)
                .bind::<Timestamp, _>(until);
            for id in &ids {
                q = q.bind::<Text, _>(id.clone());
            }
            q.execute(lite)?;
            Ok(ids)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{params, render};

    #[test]
    fn placeholders_follow_the_backend() {
        assert_eq!(render("a = {until}, b = {now}", true), "a = $2, b = $1");
        assert_eq!(render("a = {until}, b = {now}", false), "a = ?2, b = ?1");
        assert_eq!(params(true, 4, 2), "$4, $5");
        assert_eq!(params(false, 3, 3), "?3, ?4, ?5");
    }
}
