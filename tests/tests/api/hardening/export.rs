//! Finding 2 of issue 12: `GET /me/export` built the whole document in memory inside one
//! write transaction, so a large account exhausted memory and held SQLite's only write lock.
//! Now the document streams from a read-only snapshot, 1,000 rows a page, with the audit row
//! written first in its own short transaction; one export per account runs at a time (429);
//! and SQLite's "database is locked" is a 503 with `Retry-After`, never a 500.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::{SecondsFormat, TimeDelta, Utc};
use kindred_db::models::measurement::Measurement;
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::patient_with_id;
use crate::helpers::{assert_problem, retry_after};

/// Readings in the account whose export is held open: with a 400-character note each the
/// document is about 9 MB, more than the socket buffers, the response channel and actix's
/// write buffer together can take in, so the export cannot finish while nobody reads it.
const LARGE: usize = 12_000;

/// Stores `n` heart-rate readings for a member straight into the database (setting up a
/// large account through the API would take most of the test's time).
fn seed_readings(app: &TestApp, user_id: &str, n: usize, note_len: usize) {
    let uid = user_id.to_string();
    app.pool
        .run(move |c| {
            kindred_db::write_tx(c, |c| {
                let now = kindred_db::now_utc().naive_utc();
                let rows: Vec<Measurement> = (0..n)
                    .map(|i| Measurement {
                        id: kindred_db::new_id(),
                        user_id: uid.clone(),
                        type_slug: "heart_rate".into(),
                        value1: 60.0 + (i % 40) as f64,
                        value2: None,
                        unit: "/min".into(),
                        taken_at: now - TimeDelta::minutes(i as i64 + 1),
                        utc_offset_minutes: 0,
                        source: "manual".into(),
                        client_id: Some(format!("seed-{i}")),
                        note: Some("n".repeat(note_len)),
                        created_at: now,
                        updated_at: now,
                        context: None,
                    })
                    .collect();
                kindred_db::queries::measurements::insert_many(c, &rows)
            })
        })
        .unwrap();
}

/// Starts `GET /me/export` on a raw connection with a tiny receive buffer, reads the
/// response head (200) and then stops reading: the server's writer soon blocks, and the
/// export stays running until the returned stream is dropped.
async fn hold_export(app: &TestApp, token: &str) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut s = socket.connect(([127, 0, 0, 1], app.port).into()).await.unwrap();
    let head = format!(
        "GET /api/v1/me/export HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {token}\r\n\r\n",
        app.port
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf))
            .await
            .expect("export response head in time")
            .unwrap();
        assert!(n > 0, "connection closed before the head: {}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    // Let the server fill every buffer up to the point where its writer waits.
    tokio::time::sleep(Duration::from_millis(300)).await;
    s
}

async fn export_json(app: &TestApp, token: &str) -> Value {
    let res = app.get_authed("/me/export", token).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    serde_json::from_slice(&res.bytes().await.unwrap()).expect("the export is valid JSON")
}

#[tokio::test]
async fn an_export_pages_through_more_rows_than_one_page_holds() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "pia").await;
    let base = Utc::now() - TimeDelta::days(30);
    let mut sent = HashSet::new();
    for start in (0..2500).step_by(1000) {
        let items: Vec<Value> = (start..(start + 1000).min(2500))
            .map(|i| {
                let client_id = format!("pia-{i}");
                sent.insert(client_id.clone());
                json!({"type": "heart_rate", "value": 60 + i % 40, "unit": "/min",
                       "taken_at": (base - TimeDelta::minutes(i as i64)).to_rfc3339_opts(SecondsFormat::Secs, true),
                       "client_id": client_id})
            })
            .collect();
        let res = app
            .authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": items})))
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }

    let doc = export_json(&app, &t).await;
    assert_eq!(doc["format"], "kindred-export/1");
    let rows = doc["data"]["measurements"].as_array().expect("a list of measurements");
    assert_eq!(rows.len(), 2500, "every reading, across the 1,000-row page boundaries");
    let ids: HashSet<&str> = rows.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2500, "no reading twice");
    let client_ids: HashSet<String> =
        rows.iter().map(|m| m["client_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(client_ids, sent, "exactly the readings sent");
    let account = doc["data"]["account"].as_object().expect("the account is one object");
    assert_eq!(account["email"], "pia@example.org");
    assert_eq!(account["id"], uid.as_str());
    // The audit row of this export was written (in its own transaction) before streaming.
    let trail = doc["data"]["audit_trail"].as_array().unwrap();
    assert!(trail.iter().any(|e| e["action"] == "account.exported"), "{trail:?}");
}

#[tokio::test]
async fn one_export_per_account_runs_at_a_time() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "quin").await;
    seed_readings(&app, &uid, LARGE, 400);
    let other = app.patient("rue").await;

    let held = hold_export(&app, &t).await;
    let second = app.get_authed("/me/export", &t).await;
    assert!(retry_after(&second) > 0);
    assert_problem(second, 429, "rate_limited").await;
    // The limit is per account: another member's export is not held up.
    let doc = export_json(&app, &other).await;
    assert_eq!(doc["data"]["account"]["email"], "rue@example.org");

    // Once the first download is abandoned the export ends and a new one may start.
    drop(held);
    let started = Instant::now();
    let res = loop {
        let res = app.get_authed("/me/export", &t).await;
        if res.status() != 429 {
            break res;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the abandoned export never ended");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(res.status(), 200);
    let doc: Value = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap();
    assert_eq!(doc["data"]["measurements"].as_array().unwrap().len(), LARGE);
}

#[tokio::test]
async fn a_running_export_holds_up_no_writer() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "sol").await;
    seed_readings(&app, &uid, LARGE, 400);
    let other = app.patient("tam").await;

    let held = hold_export(&app, &t).await;
    let reading = json!({"type": "heart_rate", "value": 72, "unit": "/min",
        "taken_at": (Utc::now() - TimeDelta::hours(1)).to_rfc3339_opts(SecondsFormat::Secs, true)});
    for (who, token) in [("another member", &other), ("the exporting member", &t)] {
        let res = tokio::time::timeout(
            Duration::from_secs(2),
            app.authed(Method::POST, "/me/measurements", token, Some(&reading)),
        )
        .await
        .unwrap_or_else(|_| panic!("a write by {who} waited for the running export"));
        assert_eq!(res.status(), 201, "{who}: {}", res.text().await.unwrap());
    }
    drop(held);
}

/// SQLite only: a side connection holds the write lock; the server waits `busy_timeout`
/// (10 s, `backend/db/src/conn.rs`) and then answers 503 with `Retry-After`, never 500.
#[tokio::test]
async fn a_locked_sqlite_database_is_a_503_with_retry_after() {
    if kindred_tests::db::backend_is_postgres() {
        eprintln!("skipped on PostgreSQL: no SQLite write lock to hold");
        return;
    }
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let app = spawn_app().await;
    let t = app.patient("uma").await;
    let path = app.db.url.strip_prefix("sqlite://").unwrap().to_string();
    let mut side = diesel::SqliteConnection::establish(&path).unwrap();
    side.batch_execute("BEGIN IMMEDIATE;").unwrap();

    let reading = json!({"type": "heart_rate", "value": 72, "unit": "/min",
        "taken_at": (Utc::now() - TimeDelta::hours(1)).to_rfc3339_opts(SecondsFormat::Secs, true)});
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&reading)).await;
    assert!(retry_after(&res) > 0);
    assert_problem(res, 503, "unavailable").await;

    side.batch_execute("ROLLBACK;").unwrap();
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&reading)).await;
    assert_eq!(res.status(), 201, "the write goes through once the lock is released");
}

#[tokio::test]
async fn a_download_nobody_reads_is_abandoned_after_the_stall_timeout() {
    let app = kindred_tests::spawn_app_with(|s| {
        s.export_stall_timeout = Duration::from_secs(1);
    })
    .await;
    let (t, uid) = patient_with_id(&app, "vic").await;
    seed_readings(&app, &uid, LARGE, 400);
    // The first download is held open and never read (the connection stays up) …
    let held = hold_export(&app, &t).await;
    assert_problem(app.get_authed("/me/export", &t).await, 429, "rate_limited").await;
    // … yet after the stall timeout the server gives up on it: a new export may start while
    // the held connection is still open.
    let started = Instant::now();
    let res = loop {
        let res = app.get_authed("/me/export", &t).await;
        if res.status() != 429 {
            break res;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the stalled export was never abandoned"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(res.status(), 200);
    let doc: Value = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap();
    assert_eq!(doc["data"]["measurements"].as_array().unwrap().len(), LARGE);
    drop(held);
}

#[tokio::test]
async fn exports_at_once_are_bounded_per_process() {
    let app = spawn_app().await;
    let mut held = Vec::new();
    for name in ["wen", "xia"] {
        let (t, uid) = patient_with_id(&app, name).await;
        seed_readings(&app, &uid, LARGE, 400);
        held.push(hold_export(&app, &t).await);
    }
    // Two exports stream (the default); a third member's export waits its turn.
    let third = app.patient("yul").await;
    let res = app.get_authed("/me/export", &third).await;
    assert!(retry_after(&res) > 0);
    assert_problem(res, 503, "unavailable").await;
    drop(held);
}
