//! Finding 7 of issue 12: log injection and amplification. Field errors echoed client input
//! whole (a megabyte-long answer key came back, and was logged, in full; a key holding a line
//! break forged a log line), and a CSV import listed every bad line. Now echoed input is cut
//! to 64 characters with control characters replaced, an import lists at most 100 bad lines
//! plus one `too_many_errors` entry with the total, and text log lines escape control
//! characters (unit-tested in `backend/server/src/telemetry.rs`).

use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Map, Value};

use crate::helpers::assert_problem;

fn phq9_answers() -> Map<String, Value> {
    (1..=9).map(|i| (format!("q{i}"), json!(0))).collect()
}

#[tokio::test]
async fn echoed_answer_keys_are_cut_and_cleaned() {
    let app = spawn_app().await;
    let t = app.patient("vic").await;

    let huge = "k".repeat(1_000_000);
    let mut answers = phq9_answers();
    answers.insert(huge.clone(), json!(1));
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/phq-9/responses",
            &t,
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let raw = res.text().await.unwrap();
    assert!(raw.len() < 10_000, "a {} byte answer for a 1 MB key", raw.len());
    let body: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(body["code"], "validation_failed");
    let errors = body["errors"].as_array().unwrap();
    let e = errors
        .iter()
        .find(|e| e["field"].as_str().unwrap().starts_with("answers.kkk"))
        .unwrap_or_else(|| panic!("no error names the key: {errors:?}"));
    assert_eq!(e["code"], "unknown_item");
    let field = e["field"].as_str().unwrap();
    assert!(field.chars().count() <= 65, "{} characters", field.chars().count());

    let forged = "zz\r\n2026-11-30T00:00:00Z INFO kindred::cli: FORGED";
    let mut answers = phq9_answers();
    answers.insert(forged.to_string(), json!(1));
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/phq-9/responses",
            &t,
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let errors = body["errors"].as_array().unwrap();
    let e = errors
        .iter()
        .find(|e| e["field"].as_str().unwrap().starts_with("answers.zz"))
        .unwrap_or_else(|| panic!("no error names the key: {errors:?}"));
    let field = e["field"].as_str().unwrap();
    assert!(!field.contains('\r') && !field.contains('\n'), "{field:?}");
    assert!(!field.chars().any(char::is_control), "{field:?}");
    assert!(field.contains("FORGED"), "the rest of the key is still shown: {field:?}");
}

#[tokio::test]
async fn an_import_lists_at_most_a_hundred_bad_lines_and_the_total() {
    let app = spawn_app().await;
    let t = app.patient("wes").await;
    let mut csv = String::from("type,value,unit,taken_at\n");
    for _ in 0..48_000 {
        csv.push_str("heart_rate,abc,/min,2026-01-01T00:00:00Z\n");
    }
    let res = app
        .client
        .post(app.api("/me/measurements/import?dry_run=true"))
        .bearer_auth(&t)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let raw = res.text().await.unwrap();
    assert!(raw.len() < 30_000, "a {} byte answer", raw.len());
    let body: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(body["code"], "validation_failed");
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 101);
    for (i, e) in errors[..100].iter().enumerate() {
        assert_eq!(e["field"], format!("lines[{}].value", i + 2), "listed in line order");
        assert_eq!(e["code"], "not_a_number");
    }
    let last = &errors[100];
    assert_eq!(last["field"], "lines");
    assert_eq!(last["code"], "too_many_errors");
    assert!(last["message"].as_str().unwrap().contains("48000"), "{last}");
}
