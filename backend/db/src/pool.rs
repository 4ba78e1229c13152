//! The connection pool and the one-hop unit-of-work helper.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::connection::SimpleConnection;

use crate::conn::{Backend, DbConn, DbUrl, Manager};
use crate::DbError;

/// Pool sizing.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_size: u32,
    /// How long a request waits for a free connection before failing with 503.
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self { max_size: 10, acquire_timeout: Duration::from_secs(10) }
    }
}

/// A pool of [`DbConn`]s for one database. Cheap to clone.
#[derive(Clone)]
pub struct DbPool {
    pool: r2d2::Pool<Manager>,
    url: DbUrl,
    /// Until this time (unix seconds), connections are pinged before use: set when a dead
    /// connection is found, since its siblings in the pool are then likely dead too.
    suspect_until: Arc<AtomicU64>,
}

/// How long the pool keeps checking connections after it found a dead one.
const SUSPECT_WINDOW_SECS: u64 = 30;

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl DbPool {
    /// Opens a pool. One connection is opened first, directly, so that an unreachable
    /// database fails at once with its real cause (r2d2 alone would only time out).
    pub fn connect(url: &str, opts: PoolOptions) -> Result<DbPool, DbError> {
        let url = DbUrl::parse(url)?;
        let first = url.connect()?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(opts.max_size)
            .min_idle(Some(1))
            .connection_timeout(opts.acquire_timeout)
            .test_on_check_out(false)
            .build(Manager::new(url.clone()))?;
        Ok(DbPool { pool, url, suspect_until: Arc::new(AtomicU64::new(0)) })
    }

    /// The backend behind this pool.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }

    /// The parsed URL (for opening side connections, e.g. in tests).
    pub fn url(&self) -> &DbUrl {
        &self.url
    }

    /// Runs one unit of work on a pooled connection. This blocks: call it from a blocking
    /// thread (the API does so through `web::block`), never while holding an `.await`.
    pub fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<DbError>,
    {
        let mut pooled = self.pool.get().map_err(DbError::from)?;
        if self.suspect_until.load(Ordering::Relaxed) > unix_now() {
            // Weed out dead connections before handing one out (bounded by the pool size).
            let mut tries = self.pool.max_size();
            while pooled.conn.batch_execute("SELECT 1").is_err() && tries > 0 {
                pooled.broken = true;
                drop(pooled);
                pooled = self.pool.get().map_err(DbError::from)?;
                tries -= 1;
            }
        }
        let result = f(&mut pooled.conn);
        if result.is_err() && pooled.conn.batch_execute("SELECT 1").is_err() {
            pooled.broken = true;
            self.suspect_until.store(unix_now() + SUSPECT_WINDOW_SECS, Ordering::Relaxed);
        }
        result
    }

    /// Applies pending migrations; returns the names applied.
    pub fn migrate(&self) -> Result<Vec<String>, DbError> {
        self.run(crate::migrations::run_pending)
    }

    /// Connections currently open and idle, for metrics.
    pub fn state(&self) -> (u32, u32) {
        let s = self.pool.state();
        (s.connections, s.idle_connections)
    }
}
