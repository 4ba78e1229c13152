//! The `kindred` binary.

use std::process::ExitCode;

use clap::Parser;
use kindred::cli::{AuditCommand, Cli, Command};
use kindred::{startup, telemetry, Application, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Openapi => {
            print!("{}", kindred_api::openapi::document_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind } => {
            let mut settings = Settings::load()?;
            if let Some(b) = bind {
                settings.bind = b;
            }
            serve(settings)
        }
        Command::Migrate => {
            let settings = Settings::load()?;
            std::fs::create_dir_all(&settings.data_dir)?;
            let applied = startup::connect(&settings)?.migrate()?;
            println!("applied {} migration(s)", applied.len());
            for name in applied {
                println!("  {name}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let settings = Settings::load()?;
            let pool = startup::connect(&settings)?;
            let report = pool.run(kindred_db::queries::audit::verify)?;
            match report.first_broken {
                None => {
                    println!("OK: {} audit events, chain intact", report.checked);
                    Ok(ExitCode::SUCCESS)
                }
                Some(seq) => {
                    println!(
                        "BROKEN at audit event {seq}: {}",
                        report.reason.unwrap_or_default()
                    );
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}

fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let app = Application::build(settings)?;
        tracing::info!(port = app.port(), "kindred listening");
        app.run_until_stopped().await?;
        Ok(ExitCode::SUCCESS)
    })
}
