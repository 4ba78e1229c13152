//! register → email → verify → login → /me → refresh → replay → revoked → logout.

use crate::helpers::assert_problem;
use kindred_tests::http::PASSWORD;
use kindred_tests::mail::link_with_token;
use kindred_tests::{spawn_app, spawn_app_with};
use serde_json::{json, Value};

#[tokio::test]
async fn the_full_journey() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "Ann@Example.org", "password": PASSWORD, "handle": "ann_l"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let mail = app.mail.wait_for("ann@example.org", "Confirm your email").await;
    assert!(mail.html.contains("verify-email?token="), "HTML part has the link too");
    let (link, token) = link_with_token(&mail, "/verify-email");
    assert!(
        link.starts_with(&format!("http://127.0.0.1:{}/verify-email?token=", app.port)),
        "{link}"
    );
    assert!(token.len() >= 43, "≥ 256-bit token");

    // Before verification: login works, the account says unverified.
    let body = app.login("ann@example.org", PASSWORD).await;
    assert_eq!(body["user"]["email_verified"], false);

    let res = app.post("/auth/verify-email", &json!({"token": token})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["verified"], true);
    // Single use.
    let res = app.post("/auth/verify-email", &json!({"token": token})).await;
    assert_problem(res, 422, "validation_failed").await;

    let body = app.login("ann@example.org", PASSWORD).await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 600);
    let access = body["access_token"].as_str().unwrap().to_string();
    let refresh1 = body["refresh_token"].as_str().unwrap().to_string();
    let me: Value = app.get_authed("/me", &access).await.json().await.unwrap();
    assert_eq!(me["handle"], "ann_l");
    assert_eq!(me["email"], "ann@example.org");
    assert_eq!(me["email_verified"], true);
    assert_eq!(me["role"], "patient");
    assert_eq!(me["profile"]["visibility"], "private", "new accounts start private");

    // Refresh through the JSON body rotates the token.
    let res = app.post("/auth/refresh", &json!({"refresh_token": refresh1})).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let access2 = body["access_token"].as_str().unwrap().to_string();
    let refresh2 = body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(refresh1, refresh2);
    assert_eq!(app.get_authed("/me", &access2).await.status(), 200);

    // Replaying the old refresh token revokes the whole session: the new tokens die too.
    let res = app.post("/auth/refresh", &json!({"refresh_token": refresh1})).await;
    assert_problem(res, 401, "unauthorized").await;
    assert_eq!(app.get_authed("/me", &access2).await.status(), 401);
    let res = app.post("/auth/refresh", &json!({"refresh_token": refresh2})).await;
    assert_eq!(res.status(), 401);
    let audit: Vec<String> = app
        .pool
        .run(|c| kindred_db::queries::audit::list(c, None, 100, Some("auth.refresh_reuse"), None))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(audit, vec!["auth.refresh_reuse"]);

    // A new session; logout ends it at once.
    let body = app.login("ann@example.org", PASSWORD).await;
    let access3 = body["access_token"].as_str().unwrap().to_string();
    let res = app.authed(reqwest::Method::POST, "/auth/logout", &access3, None).await;
    assert_eq!(res.status(), 204);
    let res = app.get_authed("/me", &access3).await;
    assert_problem(res, 401, "unauthorized").await;
}

#[tokio::test]
async fn refresh_works_from_the_httponly_cookie() {
    let app = spawn_app().await;
    app.register_verified("bo@example.org", "bo_b", PASSWORD).await;
    let res =
        app.post("/auth/login", &json!({"email": "bo@example.org", "password": PASSWORD})).await;
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("kindred_refresh="), "{cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    // Plus a readable hint for the web app that holds no secret.
    let set: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let hint = set.iter().find(|c| c.starts_with("kindred_session=")).expect("hint cookie");
    assert!(hint.starts_with("kindred_session=1;") && hint.contains("Path=/"), "{hint}");
    assert!(!hint.contains("HttpOnly"), "{hint}");
    // The client's cookie jar sends it; an empty body is enough.
    let res = app.post("/auth/refresh", &json!({})).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(app.get_authed("/me", body["access_token"].as_str().unwrap()).await.status(), 200);
    // Logout clears both cookies; refresh then fails.
    let res = app
        .authed(reqwest::Method::POST, "/auth/logout", body["access_token"].as_str().unwrap(), None)
        .await;
    let cleared: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    for name in ["kindred_refresh=", "kindred_session="] {
        let c = cleared.iter().find(|c| c.starts_with(name)).expect(name);
        assert!(c.contains("Max-Age=0"), "{c}");
    }
    assert_eq!(app.post("/auth/refresh", &json!({})).await.status(), 401);
}

#[tokio::test]
async fn password_reset_ends_sessions_and_notifies() {
    let app = spawn_app().await;
    app.register_verified("cy@example.org", "cy_c", PASSWORD).await;
    let old =
        app.login("cy@example.org", PASSWORD).await["access_token"].as_str().unwrap().to_string();
    let res = app.post("/auth/password-reset/request", &json!({"email": "cy@example.org"})).await;
    assert_eq!(res.status(), 202);
    let mail = app.mail.wait_for("cy@example.org", "Reset your Kindred password").await;
    let (link, token) = link_with_token(&mail, "/reset-password");
    assert!(link.contains("/reset-password?token="));
    // Policy applies to the new password, and a refused one does not burn the token.
    let res = app
        .post(
            "/auth/password-reset/confirm",
            &json!({"token": token, "new_password": "password1234"}),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "new_password");
    let res = app
        .post(
            "/auth/password-reset/confirm",
            &json!({"token": token, "new_password": "new-tide-amber-sorrel"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_authed("/me", &old).await.status(), 401, "sessions ended");
    app.mail.wait_for("cy@example.org", "password was changed").await;
    // Single use.
    let res = app
        .post(
            "/auth/password-reset/confirm",
            &json!({"token": token, "new_password": "another-tide-amber-x"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        app.post("/auth/login", &json!({"email": "cy@example.org", "password": PASSWORD}))
            .await
            .status(),
        401
    );
    app.login("cy@example.org", "new-tide-amber-sorrel").await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    app.register_verified("di@example.org", "di_d", PASSWORD).await;
    let a =
        app.login("di@example.org", PASSWORD).await["access_token"].as_str().unwrap().to_string();
    let b =
        app.login("di@example.org", PASSWORD).await["access_token"].as_str().unwrap().to_string();
    let res = app
        .authed(reqwest::Method::POST, "/me/password", &a, Some(&json!({"current_password": "wrong-password-xx", "new_password": "fresh-lantern-coast-9"})))
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "current_password");
    let res = app
        .authed(
            reqwest::Method::POST,
            "/me/password",
            &a,
            Some(&json!({"current_password": PASSWORD, "new_password": "fresh-lantern-coast-9"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let fresh: Value = res.json().await.unwrap();
    assert_eq!(app.get_authed("/me", &a).await.status(), 401, "old token of this device refused");
    assert_eq!(app.get_authed("/me", &b).await.status(), 401, "other device signed out");
    assert_eq!(app.get_authed("/me", fresh["access_token"].as_str().unwrap()).await.status(), 200);
    app.login("di@example.org", "fresh-lantern-coast-9").await;
}

#[tokio::test]
async fn resend_verification_replaces_the_link() {
    // No per-recipient cooldown, so a resend right after registration sends a new link.
    let app = spawn_app_with(|s| s.email_cooldown_secs = 0).await;
    app.post(
        "/auth/register",
        &json!({"email": "ed@example.org", "password": PASSWORD, "handle": "ed_e"}),
    )
    .await;
    let first = app.mail.wait_for("ed@example.org", "Confirm").await;
    let (_, t1) = link_with_token(&first, "/verify-email");
    assert_eq!(
        app.post("/auth/resend-verification", &json!({"email": "ed@example.org"})).await.status(),
        202
    );
    let second = app.mail.wait_for_nth("ed@example.org", "Confirm", 2).await;
    let (_, t2) = link_with_token(&second, "/verify-email");
    assert_ne!(t1, t2);
    assert_eq!(
        app.post("/auth/verify-email", &json!({"token": t1})).await.status(),
        422,
        "old link dead"
    );
    assert_eq!(app.post("/auth/verify-email", &json!({"token": t2})).await.status(), 200);
}

#[tokio::test]
async fn expired_email_tokens_are_refused() {
    let app = spawn_app().await;
    app.post(
        "/auth/register",
        &json!({"email": "fa@example.org", "password": PASSWORD, "handle": "fa_f"}),
    )
    .await;
    let mail = app.mail.wait_for("fa@example.org", "Confirm").await;
    let (_, token) = link_with_token(&mail, "/verify-email");
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::email_tokens::dsl::*;
            diesel::update(email_tokens)
                .set(expires_at.eq(chrono::Utc::now().naive_utc() - chrono::TimeDelta::minutes(1)))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    let res = app.post("/auth/verify-email", &json!({"token": token})).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "token");
    assert_eq!(body["errors"][0]["code"], "invalid_or_expired");
}
