//! Logging and tracing set-up.

use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber: `RUST_LOG`-style filter from `KINDRED_LOG` (default
/// `info`), JSON lines when `KINDRED_LOG_FORMAT=json`. Safe to call more than once.
pub fn init() {
    let filter = EnvFilter::try_from_env("KINDRED_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let json = std::env::var("KINDRED_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
