//! The `kindred` binary.

use std::process::ExitCode;

use clap::Parser;
use kindred::cli::{execute, Cli};
use kindred::telemetry;

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let env: Vec<(String, String)> = std::env::vars().collect();
    match execute(cli, &env, &mut std::io::stdout(), &mut std::io::stdin().lock()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
