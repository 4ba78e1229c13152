//! Existing and unknown emails are indistinguishable on every public endpoint.

use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app;
use serde_json::{json, Value};

async fn status_and_body(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn register_login_reset_and_resend_do_not_reveal_accounts() {
    let app = spawn_app().await;
    app.register_verified("known@example.org", "known", PASSWORD).await;

    let a = status_and_body(
        app.post(
            "/auth/register",
            &json!({"email": "known@example.org", "password": PASSWORD, "handle": "someone"}),
        )
        .await,
    )
    .await;
    let b = status_and_body(
        app.post(
            "/auth/register",
            &json!({"email": "new@example.org", "password": PASSWORD, "handle": "someone2"}),
        )
        .await,
    )
    .await;
    assert_eq!(a, b);
    assert_eq!(a.0, 202);
    // The owner of the existing address is told someone tried.
    app.mail.wait_for("known@example.org", "Someone tried to create").await;

    let a = status_and_body(
        app.post(
            "/auth/login",
            &json!({"email": "known@example.org", "password": "wrong-password-123"}),
        )
        .await,
    )
    .await;
    let b = status_and_body(
        app.post(
            "/auth/login",
            &json!({"email": "nobody@example.org", "password": "wrong-password-123"}),
        )
        .await,
    )
    .await;
    assert_eq!(a, b);
    assert_eq!(a.0, 401);

    for path in ["/auth/password-reset/request", "/auth/resend-verification"] {
        let a = status_and_body(app.post(path, &json!({"email": "known@example.org"})).await).await;
        let b =
            status_and_body(app.post(path, &json!({"email": "nobody@example.org"})).await).await;
        assert_eq!(a, b, "{path}");
        assert_eq!(a.0, 202);
    }
}
