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
    /// Account administration.
    Admin {
        /// What to do.
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Seed data.
    Seed {
        /// What to seed.
        #[command(subcommand)]
        command: SeedCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE, also while the server runs.
    ///
    /// FILE must not exist. On PostgreSQL this refuses: back up with pg_dump instead (the
    /// commands are in docs/operations.md).
    Backup {
        /// Where to write the copy; must not exist.
        file: std::path::PathBuf,
    },
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

/// `kindred seed …`
#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// Create the demo world (three patients with six months of history, a researcher and an
    /// admin) unless it exists, and print a login per role. For local trials: the password is
    /// KINDRED_DEMO_PASSWORD or a published default.
    Demo,
}

/// `kindred admin …`
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator account (verified). The password is read from
    /// KINDRED_ADMIN_PASSWORD or, when that is unset, from the first line of standard input.
    Create {
        /// The admin's email address.
        #[arg(long)]
        email: String,
        /// The admin's handle (3–30 letters, digits, '_' or '-').
        #[arg(long)]
        handle: String,
    },
}

/// Runs a parsed command with the given environment, writing its report to `out`.
/// `main` passes the process environment; tests pass their own.
pub fn execute(
    cli: Cli,
    env: &[(String, String)],
    out: &mut dyn std::io::Write,
    input: &mut dyn std::io::BufRead,
) -> anyhow::Result<std::process::ExitCode> {
    use crate::{startup, Application, Settings};
    use std::process::ExitCode;
    match cli.command {
        Command::Openapi => {
            write!(out, "{}", kindred_api::openapi::document_json())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind } => {
            let mut settings = Settings::from_sources(env)?;
            if let Some(b) = bind {
                settings.bind = b;
            }
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            rt.block_on(async move {
                let host = settings.bind.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h);
                let host = if host == "0.0.0.0" || host.is_empty() { "127.0.0.1" } else { host }
                    .to_string();
                let app = Application::build(settings)?;
                tracing::info!(port = app.port(), "kindred listening");
                writeln!(
                    out,
                    "Kindred is running at http://{host}:{}/ (Ctrl+C stops it)",
                    app.port()
                )?;
                out.flush()?;
                app.run_until_stopped().await?;
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Migrate => {
            let settings = Settings::from_sources(env)?;
            std::fs::create_dir_all(&settings.data_dir)?;
            let applied = startup::connect(&settings)?.migrate()?;
            writeln!(out, "applied {} migration(s)", applied.len())?;
            for name in applied {
                writeln!(out, "  {name}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin { command: AdminCommand::Create { email, handle } } => {
            let settings = Settings::from_sources(env)?;
            let password = match env.iter().find(|(k, _)| k == "KINDRED_ADMIN_PASSWORD") {
                Some((_, v)) => v.clone(),
                None => {
                    writeln!(out, "Password for the new admin (12–128 characters), then Enter:")?;
                    let mut line = String::new();
                    input.read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let pool = startup::connect(&settings)?;
            pool.migrate()?;
            let id = crate::admin::create_admin(&pool, &email, &handle, &password)?;
            writeln!(out, "created admin {handle} <{email}> (id {id})")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Seed { command: SeedCommand::Demo } => {
            let mut settings = Settings::from_sources(env)?;
            // The demo queues mail (sealed with the server's secret) and writes an export.
            settings.ensure_secret()?;
            let password = env
                .iter()
                .find(|(k, _)| k == "KINDRED_DEMO_PASSWORD")
                .map_or(crate::demo::DEFAULT_PASSWORD, |(_, v)| v.as_str());
            let pool = startup::connect(&settings)?;
            pool.migrate()?;
            startup::seed_builtin_types(&pool)?;
            startup::seed_questionnaires(&pool)?;
            let options = crate::demo::Options::new(&settings, password, kindred_db::now_utc());
            let report = crate::demo::seed(&pool, &options)?;
            crate::demo::print_logins(out, &report, password)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { file } => {
            let settings = Settings::from_sources(env)?;
            crate::backup::run(&settings, &file, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let settings = Settings::from_sources(env)?;
            let report = startup::connect(&settings)?.run(kindred_db::queries::audit::verify)?;
            match report.first_broken {
                None => {
                    writeln!(out, "OK: {} audit events, chain intact", report.checked)?;
                    Ok(ExitCode::SUCCESS)
                }
                Some(seq) => {
                    let why = report.reason.unwrap_or_default();
                    writeln!(out, "BROKEN at audit event {seq}: {why}")?;
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}
