//! The job runner: work that runs outside a request (scheduled sweeps now; exports, ban
//! expiry, study closing and export retention as they arrive), queued in the `jobs` table.
//!
//! A job is enqueued with `kindred_db::queries::jobs::enqueue` (in the transaction of the
//! action that causes it), claimed under a lease by [`run_once`], run by the handler
//! registered for its kind in [`Handlers`], then marked done, or failed: retried after
//! [`backoff`] until `max_attempts` claims have been used, then `dead` with its last error.
//! A job runs **at least once**: a worker that stops or crashes mid-job leaves it leased, and
//! it is claimed again when the lease lapses. Handlers must therefore be idempotent.
//!
//! Everything here is synchronous (it blocks on the database); the polling loop, its stop
//! signal and the drain on shutdown live in the server (`kindred::workers::jobs`).

pub mod close_studies;
pub mod expire_exports;
pub mod sweep;

use std::collections::BTreeMap;

use chrono::TimeDelta;
use kindred_db::models::job::Job;
use kindred_db::queries::jobs;
use kindred_db::{DbConn, DbError, DbPool};
use kindred_domain::job::JobState;

use crate::AppError;

/// Runs one job, on a pooled connection, blocking. It gets the job's JSON payload and opens
/// its own transactions (a long job must not hold SQLite's write lock throughout); it must be
/// idempotent, since a job interrupted after its work but before being marked done runs again.
///
/// A job that may run longer than its lease gets a [`JobLease`] to renew as it goes
/// (registered with [`Handlers::on_long`]).
pub type Handler =
    Box<dyn Fn(&mut DbConn, &serde_json::Value, &JobLease) -> Result<(), AppError> + Send + Sync>;

/// The claim a running job holds: a long job calls [`JobLease::renew`] between steps, so its
/// lease never lapses while it makes progress, and learns when another worker has taken the
/// job over (its lease lapsed while this worker was stalled) so that it stops.
#[derive(Debug, Clone)]
pub struct JobLease {
    id: String,
    attempt: i32,
    lease: TimeDelta,
}

impl JobLease {
    /// The lease of claim `attempt` of job `id`, renewed for `lease` at a time.
    pub fn new(id: &str, attempt: i32, lease: TimeDelta) -> Self {
        JobLease { id: id.to_string(), attempt, lease }
    }

    /// Extends the lease by its length from now. An error when the job was claimed again by
    /// another worker: the caller stops, and its outcome is dropped.
    pub fn renew(&self, c: &mut DbConn) -> Result<(), AppError> {
        let now = kindred_db::now_utc();
        if jobs::extend_lease(c, &self.id, self.attempt, now + self.lease, now)? {
            Ok(())
        } else {
            Err(AppError::Unavailable(format!(
                "job {} was claimed again by another worker; this attempt stops",
                self.id
            )))
        }
    }
}

struct Entry {
    handler: Handler,
    /// For a recurring kind: how long after a successful run it runs again.
    every: Option<TimeDelta>,
}

/// The kinds of job this process runs, each with its handler. A worker claims only the kinds
/// registered here, so jobs of a kind an older or newer replica does not know wait for one
/// that does.
#[derive(Default)]
pub struct Handlers {
    entries: BTreeMap<&'static str, Entry>,
}

/// Attempts a recurring job gets per run before it is dead (until its next run re-arms it).
pub const RECURRING_MAX_ATTEMPTS: i32 = 5;

/// The fixed id of a recurring kind's one row.
pub fn recurring_id(kind: &str) -> String {
    format!("recurring:{kind}")
}

impl Handlers {
    /// No kinds.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the handler of `kind`, for jobs queued with `jobs::enqueue`. Registering a
    /// kind twice replaces its handler.
    pub fn on(
        &mut self,
        kind: &'static str,
        handler: impl Fn(&mut DbConn, &serde_json::Value) -> Result<(), AppError>
            + Send
            + Sync
            + 'static,
    ) -> &mut Self {
        let handler = move |c: &mut DbConn, p: &serde_json::Value, _: &JobLease| handler(c, p);
        self.entries.insert(kind, Entry { handler: Box::new(handler), every: None });
        self
    }

    /// Registers the handler of a kind whose jobs may outlast the lease: it gets the
    /// [`JobLease`] to renew between steps.
    pub fn on_long(
        &mut self,
        kind: &'static str,
        handler: impl Fn(&mut DbConn, &serde_json::Value, &JobLease) -> Result<(), AppError>
            + Send
            + Sync
            + 'static,
    ) -> &mut Self {
        self.entries.insert(kind, Entry { handler: Box::new(handler), every: None });
        self
    }

    /// Registers a recurring kind: one row ([`recurring_id`]) that [`run_once`] creates when
    /// missing, and that goes back to the queue `every` after each successful run (its payload
    /// is `{}`). A run that fails is retried with [`backoff`]; one that used up
    /// [`RECURRING_MAX_ATTEMPTS`] is dead until `every` has passed, then runs again.
    pub fn every(
        &mut self,
        kind: &'static str,
        every: TimeDelta,
        handler: impl Fn(&mut DbConn, &serde_json::Value) -> Result<(), AppError>
            + Send
            + Sync
            + 'static,
    ) -> &mut Self {
        let handler = move |c: &mut DbConn, p: &serde_json::Value, _: &JobLease| handler(c, p);
        self.entries.insert(kind, Entry { handler: Box::new(handler), every: Some(every) });
        self
    }

    /// The registered kinds.
    pub fn kinds(&self) -> Vec<&'static str> {
        self.entries.keys().copied().collect()
    }

    /// True when no kind is registered (a worker then has nothing to do).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The delay before the retry that follows failed attempt `attempt` (1-based): 10 s, 20 s,
/// 40 s … doubling, capped at one hour.
pub fn backoff(attempt: i32) -> TimeDelta {
    let secs = 10i64.saturating_mul(1i64 << attempt.clamp(1, 20).saturating_sub(1));
    TimeDelta::seconds(secs.min(3600))
}

/// One round of work: makes sure every recurring kind has its row, claims up to `limit` due
/// jobs of the registered kinds for `lease`, and runs them one after the other, recording
/// each outcome. Returns how many jobs were claimed; fails only when the claim itself does.
///
/// A job that takes longer than `lease` may be claimed again by another worker while it
/// still runs: choose a lease well above the longest job, or register a long kind with
/// [`Handlers::on_long`] and renew the lease as it goes. A failure to record an outcome (the
/// database went away) is logged; the job keeps its lease and is retried once it lapses.
pub fn run_once(
    pool: &DbPool,
    handlers: &Handlers,
    lease: TimeDelta,
    limit: i64,
) -> Result<usize, AppError> {
    let kinds = handlers.kinds();
    if kinds.is_empty() {
        return Ok(0);
    }
    let now = kindred_db::now_utc();
    for (kind, entry) in &handlers.entries {
        let Some(every) = entry.every else { continue };
        let id = recurring_id(kind);
        let ensured =
            pool.run(|c| jobs::ensure_recurring(c, &id, kind, now, every, RECURRING_MAX_ATTEMPTS));
        // Jobs of the other kinds still run; this is tried again next round.
        if let Err(e) = ensured {
            tracing::warn!(job_id = %id, error = %e, "could not schedule a recurring job");
        }
    }
    let batch = pool.run(|c| jobs::claim(c, now, lease, limit, &kinds))?;
    for job in &batch {
        run_job(pool, handlers, job, lease);
    }
    Ok(batch.len())
}

fn run_job(pool: &DbPool, handlers: &Handlers, job: &Job, lease: TimeDelta) {
    // The claim took registered kinds only.
    let Some(entry) = handlers.entries.get(job.kind.as_str()) else { return };
    let outcome = serde_json::from_str::<serde_json::Value>(&job.payload)
        .map_err(|e| AppError::internal(anyhow::anyhow!("the payload is not JSON: {e}")))
        .and_then(|payload| {
            let held = JobLease::new(&job.id, job.attempts, lease);
            pool.run(|c| (entry.handler)(c, &payload, &held))
        });
    let now = kindred_db::now_utc();
    let (id, attempt) = (job.id.as_str(), job.attempts);
    let recorded = match outcome {
        Ok(()) => pool.run(|c| match entry.every {
            Some(every) => jobs::requeue(c, id, attempt, now + every, now),
            None => jobs::complete(c, id, attempt, now),
        }),
        Err(e) => {
            let error = e.to_string();
            let retry_at = now + backoff(attempt);
            pool.run(|c| jobs::fail(c, id, attempt, &error, now, retry_at)).map(|state| {
                match state {
                    Some(JobState::Dead) => tracing::error!(
                        job_id = %id, kind = %job.kind, attempt, error = %error,
                        "job failed for the last time; it is dead"
                    ),
                    Some(_) => tracing::warn!(
                        job_id = %id, kind = %job.kind, attempt, error = %error,
                        retry_at = %retry_at, "job failed; will retry"
                    ),
                    None => {}
                }
                state.is_some()
            })
        }
    };
    match recorded {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            job_id = %id, kind = %job.kind, attempt,
            "job outlived its lease and was claimed again; this attempt's outcome is dropped"
        ),
        Err(e) => log_unrecorded(id, &job.kind, &e),
    }
}

fn log_unrecorded(id: &str, kind: &str, e: &DbError) {
    tracing::warn!(
        job_id = %id, kind = %kind, error = %e,
        "could not record the job's outcome; it runs again once its lease lapses"
    );
}

#[cfg(test)]
mod tests {
    use super::{backoff, recurring_id};

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1).num_seconds(), 10);
        assert_eq!(backoff(2).num_seconds(), 20);
        assert_eq!(backoff(3).num_seconds(), 40);
        assert_eq!(backoff(9).num_seconds(), 2560);
        assert_eq!(backoff(10).num_seconds(), 3600);
        assert_eq!(backoff(i32::MAX).num_seconds(), 3600);
        assert_eq!(backoff(0).num_seconds(), 10, "a nonsense attempt still waits");
    }

    #[test]
    fn recurring_ids_are_fixed_per_kind() {
        assert_eq!(recurring_id("retention_sweep"), "recurring:retention_sweep");
    }
}
