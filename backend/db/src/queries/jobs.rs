//! The job queue: `enqueue`, `claim` under a lease, then `complete` or `fail` (back to
//! `queued` with a later `run_after`, or `dead` once `max_attempts` claims have been used).
//!
//! Every claim counts as an attempt, whether or not its worker reports back: a job whose
//! worker stopped or crashed keeps its lease, is claimed again once the lease lapses (the
//! attempt count goes up), and is buried as `dead` when it lapses with no attempt left, so a
//! job that kills its worker cannot loop for ever. `complete`, `fail` and `requeue` take the
//! attempt number their claim returned and change nothing when the job has been claimed again
//! since (a worker that outlived its lease cannot overwrite the next attempt's outcome).

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use kindred_domain::job::JobState;

use crate::lease::{self, Claim};
use crate::models::job::Job;
use crate::schema::jobs;
use crate::{new_id, write_tx, DbConn, DbError};

/// The error kept on a job buried because its last lease lapsed with no attempt left.
pub const LEASE_LAPSED: &str = "the last attempt never reported back (its lease lapsed)";

/// Longest `last_error` kept, in characters.
pub const ERROR_CHARS: usize = 500;

fn due() -> Claim<'static> {
    Claim {
        table: "jobs",
        due: "(state = 'queued' AND run_after <= {now}) \
              OR (state = 'running' AND lease_until < {now} AND attempts < max_attempts)",
        only: None,
        order_by: "run_after, id",
        set: "state = 'running', attempts = attempts + 1, lease_until = {until}, \
              updated_at = {now}",
    }
}

/// Queues a job of `kind` to run once `run_after` has passed; returns its id. Call it in the
/// transaction of the action that causes it, so the job exists if and only if that committed.
pub fn enqueue(
    conn: &mut DbConn,
    kind: &str,
    payload: &serde_json::Value,
    run_after: DateTime<Utc>,
    max_attempts: i32,
) -> Result<String, DbError> {
    let id = new_id();
    insert(conn, &id, kind, payload, run_after.naive_utc(), max_attempts)?;
    Ok(id)
}

fn insert(
    conn: &mut DbConn,
    id: &str,
    kind: &str,
    payload: &serde_json::Value,
    run_after: NaiveDateTime,
    max_attempts: i32,
) -> Result<(), DbError> {
    let now = crate::now_utc().naive_utc();
    diesel::insert_into(jobs::table)
        .values(&Job {
            id: id.to_string(),
            kind: kind.to_string(),
            payload: payload.to_string(),
            state: JobState::Queued.as_str().to_string(),
            attempts: 0,
            max_attempts: max_attempts.max(1),
            run_after,
            lease_until: None,
            last_error: None,
            created_at: now,
            updated_at: now,
            finished_at: None,
        })
        .execute(conn)?;
    Ok(())
}

/// Claims up to `limit` jobs of the given kinds for `lease`: queued jobs that are due, and
/// running jobs whose lease lapsed (their worker is gone) with attempts left. Each claim sets
/// `running`, the lease, and one more attempt. Lapsed jobs with no attempt left are buried
/// (`dead`, [`LEASE_LAPSED`]) first. Two claimers never take the same job (see
/// [`crate::lease`]). The jobs come back oldest-due first, as they are after the claim.
pub fn claim(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    lease: TimeDelta,
    limit: i64,
    kinds: &[&str],
) -> Result<Vec<Job>, DbError> {
    if kinds.is_empty() || limit <= 0 {
        return Ok(Vec::new());
    }
    let n = now.naive_utc();
    write_tx(conn, |c| {
        bury_lapsed(c, n, kinds)?;
        let spec = Claim { only: Some(("kind", kinds)), ..due() };
        let ids = lease::claim_ids(c, &spec, n, n + lease, limit)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(jobs::table
            .filter(jobs::id.eq_any(&ids))
            .order((jobs::run_after.asc(), jobs::id.asc()))
            .select(Job::as_select())
            .load(c)?)
    })
}

/// Buries running jobs whose lease lapsed with no attempt left.
fn bury_lapsed(conn: &mut DbConn, now: NaiveDateTime, kinds: &[&str]) -> Result<usize, DbError> {
    Ok(diesel::update(
        jobs::table
            .filter(jobs::state.eq(JobState::Running.as_str()))
            .filter(jobs::lease_until.lt(now))
            .filter(jobs::attempts.ge(jobs::max_attempts))
            .filter(jobs::kind.eq_any(kinds.to_vec())),
    )
    .set((
        jobs::state.eq(JobState::Dead.as_str()),
        jobs::lease_until.eq(None::<NaiveDateTime>),
        jobs::last_error.eq(Some(LEASE_LAPSED)),
        jobs::finished_at.eq(Some(now)),
        jobs::updated_at.eq(now),
    ))
    .execute(conn)?)
}

/// A job as one claim left it: running, and not claimed again since.
type Held<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Find<jobs::table, &'a str>,
        diesel::dsl::Eq<jobs::state, &'a str>,
    >,
    diesel::dsl::Eq<jobs::attempts, i32>,
>;

/// The job as its claim `attempt` left it: running, and not claimed again since.
fn held(id: &str, attempt: i32) -> Held<'_> {
    jobs::table
        .find(id)
        .filter(jobs::state.eq(JobState::Running.as_str()))
        .filter(jobs::attempts.eq(attempt))
}

/// Marks a job done. False when the claim `attempt` no longer holds it (its lease lapsed and
/// another worker claimed it again).
pub fn complete(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let now = now.naive_utc();
    let n = diesel::update(held(id, attempt))
        .set((
            jobs::state.eq(JobState::Done.as_str()),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::finished_at.eq(Some(now)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records a failed attempt: the job goes back to `queued` with `run_after = retry_at`, or to
/// `dead` when it has used its `max_attempts`; `error` is kept (its first 500 characters)
/// either way. Returns the new state, or `None` when the claim `attempt` no longer holds the
/// job.
pub fn fail(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    error: &str,
    now: DateTime<Utc>,
    retry_at: DateTime<Utc>,
) -> Result<Option<JobState>, DbError> {
    let error: String = error.chars().take(ERROR_CHARS).collect();
    let now = now.naive_utc();
    write_tx(conn, |c| {
        let dead = diesel::update(held(id, attempt).filter(jobs::attempts.ge(jobs::max_attempts)))
            .set((
                jobs::state.eq(JobState::Dead.as_str()),
                jobs::lease_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(Some(&error)),
                jobs::finished_at.eq(Some(now)),
                jobs::updated_at.eq(now),
            ))
            .execute(c)?;
        if dead == 1 {
            return Ok(Some(JobState::Dead));
        }
        let queued = diesel::update(held(id, attempt))
            .set((
                jobs::state.eq(JobState::Queued.as_str()),
                jobs::run_after.eq(retry_at.naive_utc()),
                jobs::lease_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(Some(&error)),
                jobs::updated_at.eq(now),
            ))
            .execute(c)?;
        Ok((queued == 1).then_some(JobState::Queued))
    })
}

/// Extends the lease of a job its claim `attempt` still holds to `until`, for a long job that
/// reports it is alive (see `kindred_app::jobs::JobLease`). False when the job has been
/// claimed again since (the caller should stop: another worker runs it now).
pub fn extend_lease(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = diesel::update(held(id, attempt))
        .set((jobs::lease_until.eq(Some(until.naive_utc())), jobs::updated_at.eq(now.naive_utc())))
        .execute(conn)?;
    Ok(n == 1)
}

/// After a successful run of a recurring job: queued again for `run_after` with its attempts
/// reset, `finished_at` recording this run. False when the claim `attempt` no longer holds it.
pub fn requeue(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    run_after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let now = now.naive_utc();
    let n = diesel::update(held(id, attempt))
        .set((
            jobs::state.eq(JobState::Queued.as_str()),
            jobs::attempts.eq(0),
            jobs::run_after.eq(run_after.naive_utc()),
            jobs::lease_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(None::<String>),
            jobs::finished_at.eq(Some(now)),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Makes sure the one row of a recurring job exists under its fixed `id`: inserted queued
/// (due now) when missing, and re-armed (queued, due now, attempts reset) when it has been
/// dead for `every`, so a recurring job that used up its attempts skips to its next run
/// instead of stopping for good (its last error stays on the row until then). A queued or
/// running row is left alone. Returns whether it queued anything.
///
/// Cheap when there is nothing to do (one read by primary key, no write lock), so a worker
/// can call it before every claim. Replicas doing it together insert the row once (the id is
/// the primary key; the loser's insert is taken as "already there").
pub fn ensure_recurring(
    conn: &mut DbConn,
    id: &str,
    kind: &str,
    now: DateTime<Utc>,
    every: TimeDelta,
    max_attempts: i32,
) -> Result<bool, DbError> {
    let n = now.naive_utc();
    let needs_work = |job: &Option<Job>| -> Result<bool, DbError> {
        Ok(match job {
            None => true,
            Some(job) => {
                job.state()? == JobState::Dead && job.finished_at.is_none_or(|t| t + every <= n)
            }
        })
    };
    if !needs_work(&find(conn, id)?)? {
        return Ok(false);
    }
    let result = write_tx(conn, |c| {
        let job = find(c, id)?;
        if !needs_work(&job)? {
            return Ok(false);
        }
        match job {
            None => insert(c, id, kind, &serde_json::json!({}), n, max_attempts)?,
            Some(_) => {
                diesel::update(jobs::table.find(id))
                    .set((
                        jobs::state.eq(JobState::Queued.as_str()),
                        jobs::attempts.eq(0),
                        jobs::run_after.eq(n),
                        jobs::lease_until.eq(None::<NaiveDateTime>),
                        jobs::updated_at.eq(n),
                    ))
                    .execute(c)?;
            }
        }
        Ok(true)
    });
    match result {
        // Another replica inserted it at the same moment.
        Err(DbError::UniqueViolation { .. }) => Ok(false),
        other => other,
    }
}

/// Finds one job.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Job>, DbError> {
    Ok(jobs::table.find(id).select(Job::as_select()).first(conn).optional()?)
}

/// Deletes jobs that finished successfully before `before` (dead jobs stay, for inspection);
/// returns how many.
pub fn delete_done_before(conn: &mut DbConn, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(
        jobs::table
            .filter(jobs::state.eq(JobState::Done.as_str()))
            .filter(jobs::finished_at.lt(before.naive_utc())),
    )
    .execute(conn)?)
}
