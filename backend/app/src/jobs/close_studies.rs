//! Closing studies, a recurring job (hourly): an approved study whose last day has passed is
//! closed (no consent, no export from then on). Any use of such a study closes it at once as
//! well (`research::studies`); the job makes sure it happens even when nobody looks.

use chrono::TimeDelta;

use super::Handlers;

/// The kind.
pub const KIND: &str = "close_studies";

/// How often it runs.
pub const EVERY: TimeDelta = TimeDelta::hours(1);

/// Registers the job.
pub fn register(handlers: &mut Handlers) -> &mut Handlers {
    handlers.every(KIND, EVERY, |c, _payload| {
        let today = kindred_db::now_utc().date_naive();
        let n = crate::research::studies::close_ended(c, today)?;
        if n > 0 {
            tracing::info!(studies = n, "closed studies past their last day");
        }
        Ok(())
    })
}
