//! Shared application state.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use kindred_db::{DbConn, DbPool};

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::RateLimiter;
use crate::metrics::Metrics;
use crate::{ApiConfig, ApiError};
use kindred_app::mail::sealed::Outbox;
use kindred_app::passwords::Hasher;

/// Everything a handler needs, passed in from `main` (no global statics).
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DbPool,
    /// HTTP-layer settings.
    pub config: Arc<ApiConfig>,
    /// The metrics registry.
    pub metrics: Arc<Metrics>,
    /// Access-token keys.
    pub jwt: Arc<JwtKeys>,
    /// Password hashing.
    pub hasher: Hasher,
    /// Per-IP limiter for the authentication endpoints.
    pub auth_limiter: Arc<RateLimiter>,
    /// Per-account reads of threads and search (the scraping guard).
    pub read_limiter: Arc<RateLimiter>,
    /// Wakes the email sender after a transaction queued mail.
    pub mail_wakeup: Arc<tokio::sync::Notify>,
    /// The measurement-type catalog.
    pub measurement_types: Arc<kindred_app::measurements::TypeCache>,
    /// How use cases queue email (sealing key, links, per-recipient limits).
    pub outbox: Arc<Outbox>,
    /// Accounts whose data export is running (one at a time per account).
    pub exports: Arc<InFlight>,
    /// Where research export files live.
    pub export_files: kindred_app::research::exports::ExportFiles,
    /// Where Apple Health uploads wait for their import.
    pub import_files: kindred_app::measurements::apple_health::ImportFiles,
}

/// A set of keys with work in flight, at most `capacity` at once; [`InFlight::begin`] refuses
/// a key already running, or any key when full.
pub struct InFlight {
    keys: std::sync::Mutex<std::collections::HashSet<String>>,
    capacity: usize,
}

/// Why [`InFlight::begin`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// This key already runs.
    Same,
    /// As many keys run as the capacity allows.
    Full,
}

/// Holds a key in its [`InFlight`] set until dropped.
pub struct InFlightGuard {
    set: Arc<InFlight>,
    key: String,
}

impl InFlight {
    /// At most `capacity` keys at once.
    pub fn new(capacity: usize) -> Self {
        Self { keys: Default::default(), capacity: capacity.max(1) }
    }

    /// Marks `key` as running.
    pub fn begin(self: &Arc<Self>, key: &str) -> Result<InFlightGuard, Busy> {
        let mut set = self.keys.lock().map_err(|_| Busy::Full)?;
        if set.contains(key) {
            return Err(Busy::Same);
        }
        if set.len() >= self.capacity {
            return Err(Busy::Full);
        }
        set.insert(key.to_string());
        Ok(InFlightGuard { set: self.clone(), key: key.to_string() })
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if let Ok(mut set) = self.set.keys.lock() {
            set.remove(&self.key);
        }
    }
}

impl AppState {
    /// Builds the state.
    pub fn new(db: DbPool, config: ApiConfig) -> anyhow::Result<Self> {
        anyhow::ensure!(
            config.secret.len() >= 32,
            "the token-signing secret must be at least 32 bytes"
        );
        let export_files = kindred_app::research::exports::ExportFiles::new(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot create the export directory: {e}"))?;
        let import_files =
            kindred_app::measurements::apple_health::ImportFiles::new(&config.data_dir)
                .map_err(|e| anyhow::anyhow!("cannot create the import directory: {e}"))?;
        Ok(Self {
            db,
            export_files,
            import_files,
            jwt: Arc::new(JwtKeys::new(&config.secret)),
            hasher: Hasher::new(config.hash_concurrency, config.hash_queue)?,
            auth_limiter: Arc::new(RateLimiter::new(
                config.auth_rate_limit_per_minute,
                Duration::from_secs(60),
            )),
            read_limiter: Arc::new(RateLimiter::new(
                config.read_limit_per_minute,
                Duration::from_secs(60),
            )),
            exports: Arc::new(InFlight::new(config.export_concurrency)),
            outbox: Arc::new(Outbox::new(
                &config.secret,
                &config.public_url,
                config.email_cooldown_secs,
                config.email_daily_limit,
            )),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            mail_wakeup: Arc::new(tokio::sync::Notify::new()),
            measurement_types: Arc::new(kindred_app::measurements::TypeCache::default()),
        })
    }

    /// Runs one unit of work on a pooled connection in a single hop to the blocking pool (the
    /// use cases open their own transactions). The connection is never held across an
    /// `.await`.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.db.clone();
        web::block(move || pool.run(f)).await.map_err(ApiError::internal)?
    }

    /// A read of community content (thread lists, thread pages, search) in one hop to the
    /// database: the caller's session checked live, the read counted by the scraping guard
    /// (DESIGN §6.2: an account reading faster than `read_limit_per_minute` is answered 429
    /// until the minute is over, and flagged to admins the first time it goes over in a
    /// window; admins are not counted), then `f`.
    pub async fn read<T, F>(&self, bearer: crate::auth::Bearer, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn, &kindred_app::Actor) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let limiter = self.read_limiter.clone();
        self.db(move |c| {
            let actor = bearer.live(c)?.actor();
            count_read(&limiter, c, &actor)?;
            f(c, &actor)
        })
        .await
    }

    /// Tells the email sender there is new mail (after the queuing transaction committed).
    pub fn wake_mailer(&self) {
        self.mail_wakeup.notify_one();
    }

    /// A link into the web app.
    pub fn link(&self, path_and_query: &str) -> String {
        self.outbox.link(path_and_query)
    }
}

/// The scraping guard's count of one read (see [`AppState::read`]).
fn count_read(
    limiter: &RateLimiter,
    c: &mut DbConn,
    actor: &kindred_app::Actor,
) -> Result<(), ApiError> {
    if actor.role == kindred_domain::account::Role::Admin {
        return Ok(());
    }
    let (n, left) = limiter.count(&format!("read:{}", actor.id));
    let limit = limiter.limit();
    if n <= limit {
        return Ok(());
    }
    if n == limit + 1 {
        kindred_app::communities::moderation::flag_scraping(c, actor, limit)?;
    }
    Err(ApiError::TooManyRequests {
        retry_after: left.as_secs().max(1),
        detail: "You are reading faster than a person can. Wait a minute and try again.".into(),
    })
}
