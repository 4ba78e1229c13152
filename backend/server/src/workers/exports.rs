//! Runs research exports (`kindred_app::research::export_writer`): polls for a queued export
//! (or one whose worker's lease lapsed) on the blocking pool, writes it, sleeps between polls,
//! and stops on the stop signal between exports — never in the middle of one. An export still
//! being written when the server stops is abandoned with its lease; it is taken up again,
//! from the start, once the lease lapses (by this server after a restart, or another replica).

use std::sync::Arc;
use std::time::Duration;

use kindred_app::research::export_writer::Exporter;
use kindred_db::DbPool;
use tokio::sync::watch;

/// The pause after a round that found nothing to do.
pub const POLL: Duration = Duration::from_secs(2);

/// Runs exports until `stop` turns true (or its sender is gone).
pub async fn run(pool: DbPool, exporter: Arc<Exporter>, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let (p, x) = (pool.clone(), exporter.clone());
        match tokio::task::spawn_blocking(move || x.run_once(&p)).await {
            Ok(Ok(n)) if n > 0 => continue,
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "export worker could not read the queue"),
            Err(e) => tracing::error!(error = %e,
                "an export panicked; it runs again once its lease lapses"),
        }
        tokio::select! {
            changed = stop.changed() => if changed.is_err() { return },
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}
