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
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            cors_origins: Vec::new(),
            frontend_dir: None,
            body_limit: 1024 * 1024,
            import_body_limit: 10 * 1024 * 1024,
        }
    }
}
