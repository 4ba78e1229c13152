//! Finding 12 of issue 12: handles could impersonate others (`maria-h` beside `maria_h`),
//! the platform or its staff (`admin`, `kindred`, `deleted-member`), and an erased member's
//! handle could be taken over at once. Now `-` and `_` count as one character, names that
//! imitate staff or the platform are reserved, and erased handles are held.

use crate::helpers::assert_problem;
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::json;

async fn register(app: &TestApp, email: &str, handle: &str) -> reqwest::Response {
    app.post("/auth/register", &json!({"email": email, "password": PASSWORD, "handle": handle}))
        .await
}

async fn assert_handle_error(res: reqwest::Response, code: &str) {
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "handle", "{body}");
    assert_eq!(body["errors"][0]["code"], code, "{body}");
}

#[tokio::test]
async fn handles_that_differ_only_in_separators_or_case_are_taken() {
    let app = spawn_app().await;
    assert_eq!(register(&app, "maria@example.org", "maria_h").await.status(), 202);
    for (i, look_alike) in ["maria-h", "Maria-H", "MARIA_H"].into_iter().enumerate() {
        let res = register(&app, &format!("other{i}@example.org"), look_alike).await;
        assert_handle_error(res, "taken").await;
    }
    // The same through a profile change.
    let t = app.patient("nico").await;
    let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"handle": "maria-h"}))).await;
    assert_handle_error(res, "taken").await;
    let me: serde_json::Value = app.get_authed("/me", &t).await.json().await.unwrap();
    assert_eq!(me["handle"], "nico");
}

#[tokio::test]
async fn names_that_imitate_staff_or_the_platform_are_reserved() {
    let app = spawn_app().await;
    for (i, h) in ["admin", "deleted-member", "moderator", "kindred", "Kindred_Team", "admin-2"]
        .into_iter()
        .enumerate()
    {
        let res = register(&app, &format!("imp{i}@example.org"), h).await;
        assert_handle_error(res, "reserved").await;
    }
    let t = app.patient("omar").await;
    for h in ["admin", "deleted-member"] {
        let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"handle": h}))).await;
        assert_handle_error(res, "reserved").await;
    }
    assert!(app.mail.to("imp0@example.org").is_empty());
}

#[tokio::test]
async fn an_erased_members_handle_is_not_free_for_the_taking() {
    let app = spawn_app().await;
    let t = app.patient("zed_z").await;
    let res = app.authed(Method::DELETE, "/me", &t, Some(&json!({"password": PASSWORD}))).await;
    assert_eq!(res.status(), 204);
    for (i, h) in ["zed_z", "Zed-Z"].into_iter().enumerate() {
        let res = register(&app, &format!("newzed{i}@example.org"), h).await;
        assert_handle_error(res, "taken").await;
    }
    let other = app.patient("yan").await;
    let res = app.authed(Method::PATCH, "/me", &other, Some(&json!({"handle": "zed-z"}))).await;
    assert_handle_error(res, "taken").await;
}
