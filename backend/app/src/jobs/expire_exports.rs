//! Export retention, a recurring job (hourly): a ready export whose retention period ended has
//! its file deleted and is marked expired; its row, manifest and the data-access log stay.

use chrono::TimeDelta;

use super::Handlers;
use crate::research::exports::{expire_due, ExportFiles};

/// The kind.
pub const KIND: &str = "expire_exports";

/// How often it runs.
pub const EVERY: TimeDelta = TimeDelta::hours(1);

/// Registers the job over the export files in `files`.
pub fn register(handlers: &mut Handlers, files: ExportFiles) -> &mut Handlers {
    handlers.every(KIND, EVERY, move |c, _payload| {
        let n = expire_due(c, &files, kindred_db::now_utc().naive_utc())?;
        if n > 0 {
            tracing::info!(exports = n, "deleted export files past their retention");
        }
        Ok(())
    })
}
