//! Runs a real FHIR R4 validator over an export's NDJSON files: `fhir.resources` (pinned in
//! tests/python/requirements.txt, installed into `.venv-tests` by scripts/ensure-deps.sh,
//! which `make test` runs).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn python() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let py = root.join(".venv-tests/bin/python");
    assert!(
        py.exists(),
        "{} is missing: run `KINDRED_NEED_PYTHON=1 scripts/ensure-deps.sh` (make test does)",
        py.display()
    );
    py
}

/// Validates every `*.ndjson` file of `files` as FHIR R4; panics with the validator's report
/// on any invalid resource.
pub fn validate(files: &BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        if name.ends_with(".ndjson") {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/validate_fhir.py");
    let out = Command::new(python()).arg(script).arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "FHIR R4 validation failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    for (name, text) in files {
        if let Some(kind) = name.strip_suffix(".ndjson") {
            let n = text.lines().count();
            assert_eq!(counts[kind].as_u64().unwrap_or(0) as usize, n, "{kind}: {counts}");
        }
    }
}
