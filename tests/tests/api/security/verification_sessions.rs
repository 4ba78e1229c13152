//! Finding 8 of issue 12: whoever registered an address they do not own could sign in before
//! verification and stay signed in after the real owner confirmed it. Now confirming the
//! address ends every session opened before it.

use crate::helpers::assert_problem;
use kindred_tests::http::PASSWORD;
use kindred_tests::mail::link_with_token;
use kindred_tests::spawn_app;
use serde_json::{json, Value};

#[tokio::test]
async fn confirming_the_email_ends_sessions_opened_before_it() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "tao@example.org", "password": PASSWORD, "handle": "tao"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    // Unverified accounts may sign in.
    let before = app.login("tao@example.org", PASSWORD).await;
    assert_eq!(before["user"]["email_verified"], false);
    let access = before["access_token"].as_str().unwrap().to_string();
    let refresh = before["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(app.get_authed("/me", &access).await.status(), 200);

    let mail = app.mail.wait_for("tao@example.org", "Confirm your email").await;
    let (_, token) = link_with_token(&mail, "/verify-email");
    assert_eq!(app.post("/auth/verify-email", &json!({"token": token})).await.status(), 200);

    let res = app.get_authed("/me", &access).await;
    assert_problem(res, 401, "unauthorized").await;
    let res = app.post("/auth/refresh", &json!({"refresh_token": refresh})).await;
    assert_problem(res, 401, "unauthorized").await;

    // Signing in after the confirmation works.
    let after = app.login("tao@example.org", PASSWORD).await;
    assert_eq!(after["user"]["email_verified"], true);
    let me: Value =
        app.get_authed("/me", after["access_token"].as_str().unwrap()).await.json().await.unwrap();
    assert_eq!(me["handle"], "tao");
}
