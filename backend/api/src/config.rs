//! The part of the settings the HTTP layer needs. Built by the server from `Settings`.

pub use kindred_app::accounts::signin::LoginBackoff;

use std::path::PathBuf;

/// HTTP-layer configuration.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// The public base URL of the web app (links in emails point here).
    pub public_url: String,
    /// Origins allowed to call the API cross-origin (exact matches; empty = none).
    pub cors_origins: Vec<String>,
    /// The built frontend to serve at `/`, when present.
    pub frontend_dir: Option<PathBuf>,
    /// The largest request body accepted, in bytes (imports have their own limit).
    pub body_limit: usize,
    /// The largest import body accepted, in bytes.
    pub import_body_limit: usize,
    /// The largest Apple Health upload (`export.zip`) accepted, in bytes.
    pub health_upload_limit: u64,
    /// The secret that signs access tokens (at least 32 bytes).
    pub secret: Vec<u8>,
    /// How many proxies of our own stand in front of the server (0: none, the peer address is
    /// the client). The client IP is the `X-Forwarded-For` entry this many hops from the right.
    pub trusted_proxies: usize,
    /// Requests per minute per IP on the authentication endpoints.
    pub auth_rate_limit_per_minute: u32,
    /// Failed password checks: the backoff rules (see [`LoginBackoff`]).
    pub login_backoff: LoginBackoff,
    /// Thread and search reads per minute per account (admins exempt) before 429 and an
    /// admin flag: the scraping guard (DESIGN §6.2).
    pub read_limit_per_minute: u32,
    /// The platform's minimum cohort size k: no study asks for fewer, no count below it is
    /// shown, no export goes out with fewer participants (default 11, never below 5).
    pub min_cohort: i32,
    /// Emails of one kind to one address: at most one per this many seconds …
    pub email_cooldown_secs: i64,
    /// … and at most this many a day.
    pub email_daily_limit: i64,
    /// Concurrent password hashes (each holds ~19 MiB); default cores − 1, at least 1.
    pub hash_concurrency: usize,
    /// Password checks allowed to wait for a hashing slot; past that, 503 with `Retry-After`.
    pub hash_queue: usize,
    /// `/metrics` on the public listener needs `Authorization: Bearer <token>`; without a
    /// token it is not served there at all (see `KINDRED_METRICS_BIND`).
    pub metrics_token: Option<String>,
    /// How long a client may take to send a request body before the request is dropped.
    pub body_timeout: std::time::Duration,
    /// Data exports (`/me/export`) running at once in this process (each holds a database
    /// connection while it streams); past that, 503 with `Retry-After`.
    pub export_concurrency: usize,
    /// How long a streaming export waits for the client to take the next chunk before it
    /// gives up (so a client that stops reading cannot hold a connection for ever).
    pub export_stall_timeout: std::time::Duration,
    /// The data directory (research export files live in `<data_dir>/exports`).
    pub data_dir: PathBuf,
}

/// The default hashing concurrency: one core is always left for everything else.
pub fn default_hash_concurrency() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).saturating_sub(1).max(1)
}

impl ApiConfig {
    /// Whether cookies must be `Secure` (the public URL is https).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            cors_origins: Vec::new(),
            frontend_dir: None,
            body_limit: 1024 * 1024,
            import_body_limit: 10 * 1024 * 1024,
            health_upload_limit: 1024 * 1024 * 1024,
            secret: Vec::new(),
            trusted_proxies: 0,
            auth_rate_limit_per_minute: 30,
            login_backoff: LoginBackoff::default(),
            read_limit_per_minute: 300,
            min_cohort: kindred_domain::study::DEFAULT_MIN_COHORT,
            email_cooldown_secs: 300,
            email_daily_limit: 5,
            hash_concurrency: default_hash_concurrency(),
            hash_queue: 64,
            metrics_token: None,
            body_timeout: std::time::Duration::from_secs(30),
            export_concurrency: 2,
            export_stall_timeout: std::time::Duration::from_secs(30),
            data_dir: PathBuf::from("data"),
        }
    }
}
