//! Regression tests for the hardening findings of issue 12 (2, 5, 7, 9, 10, 13 and 14), one
//! file per finding. The other findings are covered under `security`. `canaries`: no byte of
//! health data escapes (to logs, mail, error bodies, metrics, the audit log or exports).

mod canaries;
mod export;
mod files;
mod leap_seconds;
mod logs;
mod metrics;
mod nul;
mod smaller;

use kindred_tests::TestApp;
use serde_json::Value;

/// The `(field, code)` pairs of a 422 problem's `errors`.
pub fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {body}"))
        .iter()
        .map(|e| {
            (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string())
        })
        .collect()
}

/// A verified, signed-in patient: `(access token, user id)`.
pub async fn patient_with_id(app: &TestApp, name: &str) -> (String, String) {
    let token = app.patient(name).await;
    let me: Value = app.get_authed("/me", &token).await.json().await.unwrap();
    (token, me["id"].as_str().unwrap().to_string())
}
