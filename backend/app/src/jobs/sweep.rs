//! The retention sweep, a recurring job (hourly): deletes rows that can no longer matter.
//!
//! - `auth_failures` older than the sign-in backoff's window. They no longer count, and
//!   nothing else removed them: a failure is forgotten only when the same account key fails
//!   again, so the failures (each with the client's IP address) of addresses never tried again
//!   stayed for ever.
//! - `email_tokens` a day past their expiry: they can never be consumed.
//! - `jobs` done more than a week ago (dead jobs stay, for inspection).

use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::queries::{auth_failures, email_tokens, jobs};
use kindred_db::DbConn;

use super::Handlers;
use crate::AppError;

/// The kind.
pub const KIND: &str = "retention_sweep";

/// How often it runs.
pub const EVERY: TimeDelta = TimeDelta::hours(1);

/// How long each kind of row is kept.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    /// Failed password checks: the sign-in backoff's window (older ones no longer count).
    pub auth_failures: TimeDelta,
    /// Email tokens, counted from their expiry.
    pub expired_tokens: TimeDelta,
    /// Done jobs, counted from when they finished.
    pub done_jobs: TimeDelta,
}

impl Retention {
    /// The retention for a sign-in backoff that counts failures over `backoff_window`.
    pub fn new(backoff_window: TimeDelta) -> Self {
        Self {
            auth_failures: backoff_window.max(TimeDelta::zero()),
            expired_tokens: TimeDelta::days(1),
            done_jobs: TimeDelta::days(7),
        }
    }
}

/// Rows deleted by one sweep.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Failed password checks.
    pub auth_failures: usize,
    /// Email tokens.
    pub email_tokens: usize,
    /// Done jobs.
    pub jobs: usize,
}

/// Deletes what `retention` no longer keeps at `now`, in one transaction.
pub fn sweep(c: &mut DbConn, retention: &Retention, now: DateTime<Utc>) -> Result<Swept, AppError> {
    kindred_db::write_tx(c, |c| {
        Ok(Swept {
            auth_failures: auth_failures::delete_before(c, now - retention.auth_failures)?,
            email_tokens: email_tokens::delete_expired_before(c, now - retention.expired_tokens)?,
            jobs: jobs::delete_done_before(c, now - retention.done_jobs)?,
        })
    })
}

/// Registers the sweep as a recurring job.
pub fn register(handlers: &mut Handlers, retention: Retention) -> &mut Handlers {
    handlers.every(KIND, EVERY, move |c, _payload| {
        let swept = sweep(c, &retention, kindred_db::now_utc())?;
        if swept != Swept::default() {
            tracing::info!(
                auth_failures = swept.auth_failures,
                email_tokens = swept.email_tokens,
                jobs = swept.jobs,
                "retention sweep deleted rows"
            );
        }
        Ok(())
    })
}
