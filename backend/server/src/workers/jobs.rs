//! Runs the job queue (`kindred_app::jobs`): polls `run_once` on the blocking pool, sleeps
//! between polls, and stops on the stop signal `run_until_stopped` gives every worker.
//!
//! A stop is noticed between jobs, never in the middle of one: each round claims a single
//! job, so the drain waits for at most the job in flight, within `Settings::shutdown_grace`.
//! A job still running past the grace is abandoned: it keeps its lease and another worker
//! (or this server after a restart) claims it again once the lease lapses — at least once,
//! never lost.
//!
//! The email outbox keeps its own sender (`mail_sender`) and shares only the lease claim with
//! the job queue; `kindred_db`'s `lease` module says why.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use kindred_app::jobs::sweep::{self, Retention};
use kindred_app::jobs::{run_once, Handlers};
use kindred_db::DbPool;
use tokio::sync::watch;

use crate::Settings;

/// How long a claimed job is reserved for this worker. Well above the longest short job; long
/// kinds (the Apple Health import) renew it with every batch (`Handlers::on_long`). A job
/// still running when its lease lapses may be claimed again by another worker.
pub const LEASE: TimeDelta = TimeDelta::minutes(10);

/// The pause after a round that found nothing to do.
pub const POLL: Duration = Duration::from_secs(2);

/// The kinds of job this server runs.
pub fn handlers(settings: &Settings) -> Handlers {
    let mut handlers = Handlers::new();
    let window = TimeDelta::seconds(settings.login_backoff.window_secs);
    sweep::register(&mut handlers, Retention::new(window));
    kindred_app::jobs::close_studies::register(&mut handlers);
    if let Ok(files) = kindred_app::research::exports::ExportFiles::new(&settings.data_dir) {
        kindred_app::jobs::expire_exports::register(&mut handlers, files);
    }
    if let Ok(files) = kindred_app::measurements::apple_health::ImportFiles::new(&settings.data_dir)
    {
        kindred_app::measurements::apple_health::register(
            &mut handlers,
            files,
            kindred_app::measurements::TypeCache::default(),
        );
    }
    handlers
}

/// Runs jobs until `stop` turns true (or its sender is gone). Returns at once when no kind is
/// registered.
pub async fn run(pool: DbPool, handlers: Arc<Handlers>, mut stop: watch::Receiver<bool>) {
    if handlers.is_empty() {
        return;
    }
    loop {
        if *stop.borrow() {
            return;
        }
        let (p, h) = (pool.clone(), handlers.clone());
        match tokio::task::spawn_blocking(move || run_once(&p, &h, LEASE, 1)).await {
            Ok(Ok(n)) if n > 0 => continue,
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "job runner could not read the queue"),
            Err(e) => {
                tracing::error!(error = %e, "a job panicked; it runs again once its lease lapses")
            }
        }
        tokio::select! {
            changed = stop.changed() => if changed.is_err() { return },
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}
