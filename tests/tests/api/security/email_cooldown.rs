//! Finding 4 of issue 12: anybody could make the server send an address any number of
//! emails (reset, verification, "someone tried to register"). Now each recipient gets at
//! most one email of a kind per cooldown and a few a day; the HTTP answer does not change.

use super::{let_the_sender_run, outbox_count};
use kindred_tests::http::PASSWORD;
use kindred_tests::mail::link_with_token;
use kindred_tests::{spawn_app, spawn_app_with, TestApp};
use serde_json::json;

fn delivered(app: &TestApp, to: &str, subject: &str) -> usize {
    app.mail.to(to).into_iter().filter(|m| m.subject.contains(subject)).count()
}

#[tokio::test]
async fn twenty_reset_requests_send_one_email_and_its_link_stays_live() {
    let app = spawn_app().await;
    app.register_verified("una@example.org", "una", PASSWORD).await;
    for i in 0..20 {
        let res =
            app.post("/auth/password-reset/request", &json!({"email": "una@example.org"})).await;
        assert_eq!(res.status(), 202, "request {i}");
    }
    assert_eq!(outbox_count(&app, "una@example.org", "password_reset"), 1);
    let mail = app.mail.wait_for("una@example.org", "Reset your Kindred password").await;
    let_the_sender_run().await;
    assert_eq!(delivered(&app, "una@example.org", "Reset your Kindred password"), 1);
    // The suppressed requests issued no new token: the one link sent still works.
    let (_, token) = link_with_token(&mail, "/reset-password");
    let res = app
        .post(
            "/auth/password-reset/confirm",
            &json!({"token": token, "new_password": "winter-orchard-pebble"}),
        )
        .await;
    assert_eq!(res.status(), 204);
}

#[tokio::test]
async fn resending_verification_within_the_cooldown_sends_nothing_more() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "vic@example.org", "password": PASSWORD, "handle": "vic"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let first = app.mail.wait_for("vic@example.org", "Confirm").await;
    for i in 0..8 {
        let res = app.post("/auth/resend-verification", &json!({"email": "vic@example.org"})).await;
        assert_eq!(res.status(), 202, "resend {i}");
    }
    // The registration email is of the same kind, so the cooldown already holds.
    assert_eq!(outbox_count(&app, "vic@example.org", "verify_email"), 1);
    let_the_sender_run().await;
    assert_eq!(delivered(&app, "vic@example.org", "Confirm"), 1);
    let (_, token) = link_with_token(&first, "/verify-email");
    assert_eq!(app.post("/auth/verify-email", &json!({"token": token})).await.status(), 200);
}

#[tokio::test]
async fn registering_a_taken_address_again_and_again_warns_the_owner_once() {
    let app = spawn_app().await;
    app.register_verified("wes@example.org", "wes", PASSWORD).await;
    for i in 0..5 {
        let res = app
            .post(
                "/auth/register",
                &json!({"email": "wes@example.org", "password": PASSWORD, "handle": format!("wes{i}")}),
            )
            .await;
        assert_eq!(res.status(), 202, "attempt {i}");
    }
    assert_eq!(outbox_count(&app, "wes@example.org", "registration_attempt"), 1);
    app.mail.wait_for("wes@example.org", "Someone tried").await;
    let_the_sender_run().await;
    assert_eq!(delivered(&app, "wes@example.org", "Someone tried"), 1);
}

#[tokio::test]
async fn without_a_cooldown_the_daily_limit_still_caps_emails() {
    let app = spawn_app_with(|s| {
        s.email_cooldown_secs = 0;
        s.email_daily_limit = 5;
    })
    .await;
    app.register_verified("xia@example.org", "xia", PASSWORD).await;
    for i in 0..8 {
        let res =
            app.post("/auth/password-reset/request", &json!({"email": "xia@example.org"})).await;
        assert_eq!(res.status(), 202, "request {i}");
    }
    assert_eq!(outbox_count(&app, "xia@example.org", "password_reset"), 5);
    app.mail.wait_for_nth("xia@example.org", "Reset your Kindred password", 5).await;
    let_the_sender_run().await;
    assert_eq!(delivered(&app, "xia@example.org", "Reset your Kindred password"), 5);
}
