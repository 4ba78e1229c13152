//! Brute-force limits: the sign-in backoff (in the database), per IP (in process) and the
//! password-hashing queue.

use crate::helpers::{assert_problem, escalate_backoff, retry_after};
use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app_with;
use serde_json::json;

#[tokio::test]
async fn repeated_failures_slow_down_sign_in_and_reset_still_works() {
    let app = spawn_app_with(|s| s.auth_rate_limit_per_minute = 10_000).await;
    app.register_verified("ivy@example.org", "ivy", PASSWORD).await;
    app.register_verified("jo@example.org", "jo_j", PASSWORD).await;
    let right = json!({"email": "ivy@example.org", "password": PASSWORD});
    let wrong = json!({"email": "ivy@example.org", "password": "wrong-guess-0"});
    for i in 0..5 {
        assert_eq!(app.post("/auth/login", &wrong).await.status(), 401, "attempt {i}");
    }
    // The next attempt must wait, even with the right password, and is told how long.
    let res = app.post("/auth/login", &right).await;
    assert!(retry_after(&res) >= 1);
    assert_problem(res, 429, "rate_limited").await;
    // Each further failure doubles the wait.
    let retry = escalate_backoff(|| app.post("/auth/login", &wrong), 401, 8).await;
    assert!((8..=900).contains(&retry), "{retry}");
    let res = app.post("/auth/login", &right).await;
    assert_problem(res, 429, "rate_limited").await;
    // Another account is unaffected.
    app.login("jo@example.org", PASSWORD).await;
    // Reset still works and clears the backoff: the new password works at once.
    assert_eq!(
        app.post("/auth/password-reset/request", &json!({"email": "ivy@example.org"}))
            .await
            .status(),
        202
    );
    let mail = app.mail.wait_for("ivy@example.org", "Reset").await;
    let (_, token) = kindred_tests::mail::link_with_token(&mail, "/reset-password");
    let res = app
        .post(
            "/auth/password-reset/confirm",
            &json!({"token": token, "new_password": "winter-orchard-pebble"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    app.login("ivy@example.org", "winter-orchard-pebble").await;
}

#[tokio::test]
async fn per_ip_limits_answer_429_with_retry_after() {
    let app = spawn_app_with(|s| s.auth_rate_limit_per_minute = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let res =
            app.post("/auth/password-reset/request", &json!({"email": "x@example.org"})).await;
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&retry));
            assert_problem(res, 429, "rate_limited").await;
        }
    }
    assert_eq!(statuses, vec![202, 202, 202, 202, 202, 429, 429]);
    // Login has its own bucket; it too is limited.
    for _ in 0..5 {
        app.post("/auth/login", &json!({"email": "x@example.org", "password": "whatever-pass"}))
            .await;
    }
    let res = app
        .post("/auth/login", &json!({"email": "x@example.org", "password": "whatever-pass"}))
        .await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn a_login_storm_past_the_hashing_queue_gets_503_while_health_answers() {
    let app = spawn_app_with(|s| {
        s.hash_concurrency = 1;
        s.hash_queue = 2;
        s.auth_rate_limit_per_minute = 10_000;
        // Sign-ins in flight count against the backoff until their password is known to
        // match (security/signin_backoff.rs); this storm is about the hashing queue alone.
        s.login_backoff.free_per_ip = 1_000;
        s.login_backoff.free_per_account = 1_000;
    })
    .await;
    app.register_verified("kai@example.org", "kai", PASSWORD).await;
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let client = app.client.clone();
            let url = app.api("/auth/login");
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .json(&json!({"email": "kai@example.org", "password": PASSWORD}))
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                let retry =
                    res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
                let body: serde_json::Value = res.json().await.unwrap();
                (status, body["code"].as_str().map(str::to_string), retry)
            })
        })
        .collect();
    // Meanwhile a cheap request is not starved by the hashing.
    assert_eq!(app.client.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    let ok = outcomes.iter().filter(|o| o.0 == 200).count();
    let busy: Vec<_> = outcomes.iter().filter(|o| o.0 == 503).collect();
    // One hashing, two waiting: at least those three get in; the queue is bounded, so not all.
    assert!(ok >= 3, "{outcomes:?}");
    assert!(!busy.is_empty(), "the hashing queue is unbounded: {outcomes:?}");
    assert_eq!(ok + busy.len(), outcomes.len(), "{outcomes:?}");
    for o in busy {
        assert_eq!(o.1.as_deref(), Some("unavailable"), "{outcomes:?}");
        assert!(o.2.as_deref().is_some_and(|r| r.parse::<u64>().is_ok_and(|n| n >= 1)), "{o:?}");
    }
    // Once the storm is over, sign-in works again.
    app.login("kai@example.org", PASSWORD).await;
}
