//! Finding 14 of issue 12, the smaller items: an empty PATCH of a reading was accepted and
//! added an edit-history entry; admin routes validated the body before checking the caller
//! (so a member could probe them); audit details held the client IP, which erasure cannot
//! remove from the append-only log; access tokens claiming a lifetime longer than we issue
//! were accepted; and a client could hold a connection open by never finishing its body.
//! (The CSV cell guard is unit-tested in `backend/domain/src/csv_cell.rs`.)

use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, spawn_app_with, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{fields, patient_with_id};
use crate::helpers::assert_problem;

const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123";

#[tokio::test]
async fn an_empty_patch_is_refused_and_adds_no_history() {
    let app = spawn_app().await;
    let t = app.patient("hal").await;
    let res = app
        .authed(
            Method::POST,
            "/me/measurements",
            &t,
            Some(&json!({"type": "heart_rate", "value": 61, "unit": "/min", "taken_at": "2026-01-01T08:00:00Z"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let path = format!("/me/measurements/{id}");
    let before: Value = app.get_authed(&path, &t).await.json().await.unwrap();
    assert_eq!(before["edits"], json!([]));

    // A unit alone changes nothing either: it only qualifies new values.
    for body in [json!({}), json!({"unit": "/min"})] {
        let res = app.authed(Method::PATCH, &path, &t, Some(&body)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&problem), vec![("body".to_string(), "empty".to_string())], "{body}");
    }
    let after: Value = app.get_authed(&path, &t).await.json().await.unwrap();
    assert_eq!(after, before, "no edit-history entry, nothing changed");

    // A real edit still works and is recorded.
    let res = app.authed(Method::PATCH, &path, &t, Some(&json!({"note": "rested"}))).await;
    assert_eq!(res.status(), 200);
    let edited: Value = app.get_authed(&path, &t).await.json().await.unwrap();
    assert_eq!(edited["edits"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn admin_routes_refuse_members_whatever_the_body() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("ike").await;
    let (_, target) = patient_with_id(&app, "joan").await;

    let type_def = json!({"slug": "grip", "name": "Grip strength", "loinc": null, "loinc_note": "No code.",
        "unit": "kg", "accepted_units": ["kg"], "decimals": 1,
        "components": [{"key": "value", "name": "Grip", "loinc": null, "min": 1, "max": 150}]});
    let suspend = format!("/admin/users/{target}/suspend");
    let routes: Vec<(String, Value, Value)> = vec![
        ("/measurement-types".into(), type_def, json!({"slug": "Bad Slug"})),
        (
            "/conditions".into(),
            json!({"slug": "grip-loss", "name": "Grip loss", "icd10": "R29.8"}),
            json!({"slug": "Bad Slug", "name": "", "icd10": "nope"}),
        ),
        (suspend.clone(), json!({"reason": "testing the order of checks"}), json!({"reason": 7})),
        // After the suspension above went through, lifting it is the next admin route.
        (
            format!("/admin/users/{target}/unsuspend"),
            json!({"reason": "lifting it again"}),
            json!({"reason": 7}),
        ),
    ];
    for (path, valid, invalid) in &routes {
        let url = app.api(path);
        let sends = [
            ("a valid body", app.client.post(&url).json(valid)),
            ("an invalid body", app.client.post(&url).json(invalid)),
            (
                "malformed JSON",
                app.client.post(&url).header("content-type", "application/json").body("{\"slug\":"),
            ),
            (
                "a wrong content type",
                app.client.post(&url).header("content-type", "text/plain").body("slug=x"),
            ),
            ("no body", app.client.post(&url)),
        ];
        for (what, req) in sends {
            let res = req.bearer_auth(&t).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path} with {what}");
            assert_problem(res, 403, "admin_only").await;
        }
        // Without any sign-in it is 401, again before the body is looked at.
        let res = app.client.post(&url).json(invalid).send().await.unwrap();
        assert_problem(res, 401, "unauthorized").await;
        // For an admin the same bodies are checked: the invalid one is refused…
        let res = app.authed(Method::POST, path, &admin, Some(invalid)).await;
        assert_eq!(res.status(), 422, "{path}: {}", res.text().await.unwrap());
        // …and the valid one goes through, so the 403s above were not about the body.
        let res = app.authed(Method::POST, path, &admin, Some(valid)).await;
        assert!(res.status().is_success(), "{path}: {}", res.text().await.unwrap());
    }
}

#[tokio::test]
async fn audit_details_hold_no_ip_after_erasure() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "kai").await;
    // Every kind of event that used to copy the client IP into its details.
    let wrong = app
        .post("/auth/login", &json!({"email": "kai@example.org", "password": "not-the-password-1"}))
        .await;
    assert_eq!(wrong.status(), 401);
    let again = app
        .post(
            "/auth/register",
            &json!({"email": "kai@example.org", "password": PASSWORD, "handle": "kai2"}),
        )
        .await;
    assert_eq!(again.status(), 202);
    let reset =
        app.post("/auth/password-reset/request", &json!({"email": "kai@example.org"})).await;
    assert!(reset.status().is_success(), "{}", reset.status());
    let second = app.login("kai@example.org", PASSWORD).await;
    assert!(second["access_token"].is_string());
    let res = app.authed(Method::DELETE, "/me", &t, Some(&json!({"password": PASSWORD}))).await;
    assert_eq!(res.status(), 204);

    let rows: Vec<(String, Option<String>, Option<String>, String)> = app
        .pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::audit_events::dsl as a;
            a::audit_events
                .select((a::action, a::actor_id, a::subject_id, a::details))
                .load(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    let about: Vec<&str> = rows
        .iter()
        .filter(|(_, actor, subject, _)| {
            actor.as_deref() == Some(uid.as_str()) || subject.as_deref() == Some(uid.as_str())
        })
        .map(|(action, ..)| action.as_str())
        .collect();
    for expected in [
        "auth.registered",
        "auth.session_started",
        "auth.login_succeeded",
        "auth.login_failed",
        "auth.register_existing_email",
        "auth.password_reset_requested",
        "account.deleted",
    ] {
        assert!(about.contains(&expected), "no {expected} event: {about:?}");
    }
    for (action, _, _, details) in &rows {
        let v: Value = serde_json::from_str(details).unwrap();
        assert!(v.get("ip").is_none(), "{action} holds an ip: {details}");
        assert!(!details.contains("127.0.0.1"), "{action}: {details}");
    }
}

fn claims_of(token: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap()).unwrap())
        .unwrap()
}

#[tokio::test]
async fn tokens_claiming_a_longer_life_than_we_issue_are_refused() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "lee").await;
    let real = claims_of(&t);
    assert_eq!(real["sub"], uid.as_str());
    let now = chrono::Utc::now().timestamp();
    let token = |lifetime: i64| {
        let claims = json!({"iss": "kindred", "aud": "kindred-api", "sub": uid, "sid": real["sid"],
            "iat": now, "exp": now + lifetime});
        encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(SECRET)).unwrap()
    };
    // Signed with the real secret, for a live session: accepted at the lifetime we issue…
    assert_eq!(app.get_authed("/me", &token(600)).await.status(), 200);
    assert_eq!(app.get_authed("/me", &token(300)).await.status(), 200);
    // …refused beyond it.
    for lifetime in [601, 3600, 365 * 24 * 3600] {
        let res = app.get_authed("/me", &token(lifetime)).await;
        assert_problem(res, 401, "unauthorized").await;
    }
}

/// Sends a request head announcing a 100-byte body, then 10 bytes of it, then nothing; returns
/// what the server answered (empty when it just closed) and how long it took.
async fn stall_body(
    app: &TestApp,
    path: &str,
    content_type: &str,
    token: Option<&str>,
) -> (String, Duration) {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "POST /api/v1{path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{auth}Content-Type: {content_type}\r\nContent-Length: 100\r\n\r\n",
        app.port
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(b"{\"email\":\"").await.unwrap();
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    got.extend_from_slice(&buf[..n]);
                    if got.windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    })
    .await;
    assert!(read.is_ok(), "{path}: the server still waits for the body after 5 s");
    (String::from_utf8_lossy(&got).into_owned(), started.elapsed())
}

#[tokio::test]
async fn a_stalled_request_body_ends_in_408() {
    let app = spawn_app_with(|s| s.body_timeout = Duration::from_secs(2)).await;
    let t = app.patient("mona").await;
    let (login, import) = tokio::join!(
        stall_body(&app, "/auth/login", "application/json", None),
        stall_body(&app, "/me/measurements/import", "text/csv", Some(&t)),
    );
    for (what, (answer, waited)) in [("login", login), ("import", import)] {
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{what}: answered {answer:?}"
        );
        assert!(
            waited >= Duration::from_millis(1500),
            "{what}: answered after {waited:?}, before the body timeout"
        );
    }
    // The server is fine afterwards.
    assert_eq!(app.get_authed("/me", &t).await.status(), 200);
}
