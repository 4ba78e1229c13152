//! Brute-force limits: per account (in the database) and per IP (in process).

use crate::helpers::assert_problem;
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, spawn_app_with};
use serde_json::json;

#[tokio::test]
async fn the_101st_failed_login_in_an_hour_is_refused_but_reset_still_works() {
    let app = spawn_app_with(|s| s.auth_rate_limit_per_minute = 10_000).await;
    app.register_verified("ivy@example.org", "ivy", PASSWORD).await;
    for i in 0..100 {
        let res = app
            .post(
                "/auth/login",
                &json!({"email": "ivy@example.org", "password": format!("wrong-guess-{i}")}),
            )
            .await;
        assert_eq!(res.status(), 401, "attempt {i}");
    }
    // Now even the right password is refused, with a Retry-After.
    let res =
        app.post("/auth/login", &json!({"email": "ivy@example.org", "password": PASSWORD})).await;
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((3000..=3600).contains(&retry), "retry after ~1h, got {retry}");
    assert_problem(res, 429, "rate_limited").await;
    // Another account is unaffected.
    app.register_verified("jo@example.org", "jo_j", PASSWORD).await;
    app.login("jo@example.org", PASSWORD).await;
    // Reset still works and lifts the lock.
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
async fn concurrent_logins_all_succeed_within_the_hashing_bound() {
    let app = spawn_app().await;
    app.register_verified("kai@example.org", "kai", PASSWORD).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = app.client.clone();
            let url = app.api("/auth/login");
            tokio::spawn(async move {
                client
                    .post(url)
                    .json(&json!({"email": "kai@example.org", "password": PASSWORD}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    // Meanwhile a cheap request is not starved by the hashing.
    assert_eq!(app.client.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}
