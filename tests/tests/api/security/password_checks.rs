//! Finding 6 of issue 12: the current password asked by `POST /me/password` and `DELETE /me`
//! could be guessed without limit by whoever held a stolen access token. Now those checks
//! are rate-limited per account and held by the same backoff as sign-in, and a wrong
//! password there counts as a failed sign-in.

use super::post_via;
use crate::helpers::{assert_problem, escalate_backoff, retry_after};
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, spawn_app_with};
use reqwest::Method;
use serde_json::{json, Value};

/// Asserts a 422 on `field` with code `incorrect`.
async fn assert_incorrect(res: reqwest::Response, field: &str) {
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], field, "{body}");
    assert_eq!(body["errors"][0]["code"], "incorrect", "{body}");
}

#[tokio::test]
async fn wrong_current_passwords_on_password_change_are_slowed_down_and_hold_sign_in_too() {
    let app = spawn_app().await;
    let t = app.patient("pia").await;
    let wrong =
        json!({"current_password": "not-my-password-1", "new_password": "fresh-lantern-coast-9"});
    let change = || app.authed(Method::POST, "/me/password", &t, Some(&wrong));
    for _ in 0..5 {
        assert_incorrect(change().await, "current_password").await;
    }
    let res = change().await;
    assert!(retry_after(&res) >= 1);
    assert_problem(res, 429, "rate_limited").await;

    // Long enough a delay that what follows surely falls inside it.
    escalate_backoff(change, 422, 4).await;
    // The same backoff holds sign-in from this address, even with the right password …
    let res =
        app.post("/auth/login", &json!({"email": "pia@example.org", "password": PASSWORD})).await;
    assert!(retry_after(&res) >= 1);
    assert_problem(res, 429, "rate_limited").await;
    // … and the right current password here.
    let right = json!({"current_password": PASSWORD, "new_password": "fresh-lantern-coast-9"});
    let res = app.authed(Method::POST, "/me/password", &t, Some(&right)).await;
    assert_problem(res, 429, "rate_limited").await;
    // Nothing changed: the session lives on.
    assert_eq!(app.get_authed("/me", &t).await.status(), 200);
}

#[tokio::test]
async fn wrong_passwords_on_account_deletion_are_slowed_down_and_the_account_stays() {
    let app = spawn_app().await;
    let t = app.patient("quin").await;
    let wrong = json!({"password": "not-my-password-1"});
    let erase = || app.authed(Method::DELETE, "/me", &t, Some(&wrong));
    for _ in 0..5 {
        assert_incorrect(erase().await, "password").await;
    }
    let res = erase().await;
    assert!(retry_after(&res) >= 1);
    assert_problem(res, 429, "rate_limited").await;

    escalate_backoff(erase, 422, 4).await;
    let res =
        app.post("/auth/login", &json!({"email": "quin@example.org", "password": PASSWORD})).await;
    assert_problem(res, 429, "rate_limited").await;
    // The account still exists.
    let me: Value = app.get_authed("/me", &t).await.json().await.unwrap();
    assert_eq!(me["handle"], "quin");
    let status: String = app
        .pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::users;
            users::table
                .filter(users::handle.eq("quin"))
                .select(users::status)
                .first::<String>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    assert_eq!(status, "active");
}

#[tokio::test]
async fn password_checks_are_limited_per_account_whatever_the_address() {
    let app = spawn_app_with(|s| {
        s.trust_forwarded = true;
        s.trusted_proxies = 1;
        s.auth_rate_limit_per_minute = 3;
    })
    .await;
    let t = app.patient("rio").await;
    let check = |ip: &str, method: Method, path: &str, body: Value| {
        app.client
            .request(method, app.api(path))
            .bearer_auth(&t)
            .header("x-forwarded-for", ip.to_string())
            .json(&body)
            .send()
    };
    let wrong =
        json!({"current_password": "not-my-password-1", "new_password": "fresh-lantern-coast-9"});
    // Three guesses from three addresses are heard (no backoff holds any of them yet) …
    for i in 1..=3 {
        let res = check(&format!("203.0.113.{i}"), Method::POST, "/me/password", wrong.clone())
            .await
            .unwrap();
        assert_incorrect(res, "current_password").await;
    }
    // … the fourth, from yet another address, is refused, on either endpoint.
    let res = check("203.0.113.4", Method::POST, "/me/password", wrong.clone()).await.unwrap();
    assert_problem(res, 429, "rate_limited").await;
    let res = check("203.0.113.5", Method::DELETE, "/me", json!({"password": "not-mine-1234"}))
        .await
        .unwrap();
    assert_problem(res, 429, "rate_limited").await;
    // Other requests of the account are not limited.
    assert_eq!(app.get_authed("/me", &t).await.status(), 200);
    // Nor is sign-in from an unrelated address (its own limit, no backoff there yet).
    let res = post_via(
        &app,
        "/auth/login",
        "192.0.2.9",
        &json!({"email": "rio@example.org", "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), 200);
}
