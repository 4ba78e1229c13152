//! The part of the settings the HTTP layer needs. Built by the server from `Settings`.

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
    /// The secret that signs access tokens (at least 32 bytes).
    pub secret: Vec<u8>,
    /// Trust the first `X-Forwarded-For` hop as the client IP (only behind our own proxy).
    pub trust_forwarded: bool,
    /// Requests per minute per IP on the authentication endpoints.
    pub auth_rate_limit_per_minute: u32,
    /// Failed logins per account per hour before that account's logins are refused.
    pub failed_login_limit: i64,
    /// Concurrent password hashes (each holds ~19 MiB).
    pub hash_concurrency: usize,
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
            secret: Vec::new(),
            trust_forwarded: false,
            auth_rate_limit_per_minute: 30,
            failed_login_limit: 100,
            hash_concurrency: 2,
        }
    }
}
