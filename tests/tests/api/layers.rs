//! The layering of DESIGN §2, checked on the source: dependencies point one way
//! (server → api → app → db → domain), no route area imports another, `server` does not reach into
//! `api`'s routes, and only `db` knows diesel, only `api` knows actix.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out
}

/// Lines of code (not comments) that mention `needle`.
fn offending(files: &[(PathBuf, String)], needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (p, text) in files {
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(needle) {
                out.push(format!("{}:{}: {}", p.display(), i + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn no_route_area_imports_another() {
    let routes = root().join("backend/api/src/routes");
    for entry in std::fs::read_dir(&routes).unwrap() {
        let area = entry.unwrap().path();
        if !area.is_dir() {
            continue;
        }
        let files = sources(&area);
        assert!(!files.is_empty());
        let mut bad = offending(&files, "crate::routes::");
        bad.extend(offending(&files, "super::super::"));
        assert!(bad.is_empty(), "{} imports another area:\n{}", area.display(), bad.join("\n"));
    }
}

#[test]
fn the_server_does_not_reach_into_the_routes() {
    let bad = offending(&sources(&root().join("backend/server/src")), "kindred_api::routes");
    assert!(bad.is_empty(), "server uses api routes:\n{}", bad.join("\n"));
}

#[test]
fn each_framework_stays_in_its_crate() {
    let cases = [
        ("backend/api", "diesel"),
        ("backend/domain", "diesel"),
        ("backend/domain", "actix"),
        ("backend/db", "actix"),
        ("backend/app", "actix"),
        ("backend/app", "kindred_api"),
        ("backend/db", "kindred_app"),
        ("backend/db", "kindred_api"),
        ("backend/domain", "kindred_db"),
    ];
    for (krate, needle) in cases {
        let dir = root().join(krate);
        let mut bad = offending(&sources(&dir.join("src")), needle);
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        if manifest.lines().any(|l| l.trim_start().starts_with(needle)) {
            bad.push(format!("{krate}/Cargo.toml depends on {needle}"));
        }
        assert!(bad.is_empty(), "{krate} names {needle}:\n{}", bad.join("\n"));
    }
}

/// Handlers parse and call use cases: no route opens a write transaction or writes an audit
/// row itself (every write, and the audit row that goes with it, is a unit of work in `app`).
#[test]
fn routes_leave_writes_to_the_use_cases() {
    let routes = sources(&root().join("backend/api/src/routes"));
    for needle in ["audit::record", ".tx(", "write_tx"] {
        let bad = offending(&routes, needle);
        assert!(bad.is_empty(), "a route writes by itself ({needle}):\n{}", bad.join("\n"));
    }
}

/// The check itself can fail: a line that imports another area is found.
#[test]
fn the_check_finds_a_crossing() {
    let files = vec![(PathBuf::from("x.rs"), "use crate::routes::auth::Thing; // x".to_string())];
    assert_eq!(offending(&files, "crate::routes::").len(), 1);
    let comment = vec![(PathBuf::from("y.rs"), "// crate::routes::auth".to_string())];
    assert!(offending(&comment, "crate::routes::").is_empty());
}
