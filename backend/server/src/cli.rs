//! The command line.

use clap::{Parser, Subcommand};

/// Kindred: a patient-powered research community platform.
///
/// Settings come from KINDRED_* environment variables (and DATABASE_URL) or kindred.toml;
/// see the README for the full list.
#[derive(Debug, Parser)]
#[command(name = "kindred", version, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the API (and the web app, when built).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080 (overrides KINDRED_BIND).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
    /// Audit log tools.
    Audit {
        /// What to do with the audit log.
        #[command(subcommand)]
        command: AuditCommand,
    },
}

/// `kindred audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain; prints OK or the first broken row and exits non-zero.
    Verify,
}
