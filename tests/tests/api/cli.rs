//! The command line: audit verify, fail-fast start-up.

use clap::Parser;
use diesel::connection::SimpleConnection;
use kindred::cli::{execute, Cli};
use kindred_db::queries::audit::{self, NewAuditEvent};
use kindred_tests::TestDb;

fn run(args: &[&str], env: &[(&str, &str)]) -> (std::process::ExitCode, String) {
    let cli = Cli::try_parse_from(args).unwrap();
    let env: Vec<(String, String)> =
        env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut out = Vec::new();
    let code = execute(cli, &env, &mut out, &mut std::io::empty()).unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn audit_verify_reports_ok_then_names_the_tampered_row() {
    let db = TestDb::new();
    let pool = db.pool();
    pool.run(|c| {
        for i in 0..5 {
            audit::record(
                c,
                &NewAuditEvent::custom("test.cli", None).details(serde_json::json!({"i": i})),
            )?;
        }
        Ok::<_, kindred_db::DbError>(())
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env =
        [("DATABASE_URL", db.url.as_str()), ("KINDRED_DATA_DIR", dir.path().to_str().unwrap())];
    let (code, out) = run(&["kindred", "audit", "verify"], &env);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.starts_with("OK: 5 audit events"), "{out}");

    pool.run(|c| {
        let sql = "UPDATE audit_events SET action = 'forged' WHERE seq = 3";
        if db.is_postgres() {
            c.batch_execute(&format!(
                "BEGIN; SET LOCAL session_replication_role = replica; {sql}; COMMIT;"
            ))
        } else {
            c.batch_execute(&format!("DROP TRIGGER audit_events_no_update; {sql};"))
        }
        .map_err(kindred_db::DbError::from)
    })
    .unwrap();
    let (code, out) = run(&["kindred", "audit", "verify"], &env);
    assert_eq!(code, std::process::ExitCode::from(2));
    assert!(out.contains("BROKEN at audit event 3"), "{out}");
}

#[test]
fn serve_fails_fast_and_clearly_when_postgres_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let cli = Cli::try_parse_from(["kindred", "serve", "--bind", "127.0.0.1:0"]).unwrap();
    let env = vec![
        ("DATABASE_URL".to_string(), "postgres://kindred@127.0.0.1:1/kindred".to_string()),
        ("KINDRED_DATA_DIR".to_string(), dir.path().display().to_string()),
    ];
    let started = std::time::Instant::now();
    let err = execute(cli, &env, &mut Vec::new(), &mut std::io::empty()).unwrap_err();
    let msg = format!("{err:#}");
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "took {:?}", started.elapsed());
    assert!(msg.contains("PostgreSQL at 127.0.0.1:1"), "{msg}");
    assert!(msg.to_lowercase().contains("refused"), "names the cause: {msg}");
}

#[test]
fn unsupported_database_urls_are_refused_with_the_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let cli = Cli::try_parse_from(["kindred", "migrate"]).unwrap();
    let env = vec![
        ("DATABASE_URL".to_string(), "mysql://x@localhost/db".to_string()),
        ("KINDRED_DATA_DIR".to_string(), dir.path().display().to_string()),
    ];
    let msg =
        format!("{:#}", execute(cli, &env, &mut Vec::new(), &mut std::io::empty()).unwrap_err());
    assert!(msg.contains("unsupported database URL scheme \"mysql\""), "{msg}");
}

#[test]
fn openapi_command_prints_the_document() {
    let (code, out) = run(&["kindred", "openapi"], &[]);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
}
