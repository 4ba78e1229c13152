//! Admin creation, suspension, the conditions catalog and the audit log.

use crate::helpers::assert_problem;
use clap::Parser;
use kindred_tests::http::PASSWORD;
use kindred_tests::{actors, spawn_app};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn admin_create_cli_makes_a_verified_admin() {
    let app = spawn_app().await;
    let env: Vec<(String, String)> = kindred_tests::http::test_env(&app.db, app.data_dir.path())
        .into_iter()
        .chain([("KINDRED_ADMIN_PASSWORD".to_string(), PASSWORD.to_string())])
        .collect();
    let cli = kindred::cli::Cli::try_parse_from([
        "kindred",
        "admin",
        "create",
        "--email",
        "root@example.org",
        "--handle",
        "root",
    ])
    .unwrap();
    let mut out = Vec::new();
    let env2 = env.clone();
    let code = tokio::task::spawn_blocking(move || {
        kindred::cli::execute(cli, &env2, &mut out, &mut std::io::empty()).map(|c| (c, out))
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(code.0, std::process::ExitCode::SUCCESS);
    assert!(String::from_utf8(code.1).unwrap().contains("created admin root"));
    let body = app.login("root@example.org", PASSWORD).await;
    assert_eq!(body["user"]["role"], "admin");
    assert_eq!(body["user"]["email_verified"], true);

    // The password can come from stdin, and the policy applies.
    let env_no_pw: Vec<(String, String)> =
        env.into_iter().filter(|(k, _)| k != "KINDRED_ADMIN_PASSWORD").collect();
    let cli = kindred::cli::Cli::try_parse_from([
        "kindred",
        "admin",
        "create",
        "--email",
        "weak@example.org",
        "--handle",
        "weak",
    ])
    .unwrap();
    let err = tokio::task::spawn_blocking(move || {
        kindred::cli::execute(
            cli,
            &env_no_pw,
            &mut Vec::new(),
            &mut std::io::Cursor::new(b"password1234\n".to_vec()),
        )
    })
    .await
    .unwrap()
    .unwrap_err();
    assert!(format!("{err:#}").contains("too common"), "{err:#}");
}

#[tokio::test]
async fn suspension_ends_sessions_and_refuses_login_with_the_reason() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rex = actors::patient(&app).await;
    let id = rex.id.as_str();

    // Patients cannot administer.
    let res = app
        .authed(
            Method::POST,
            &format!("/admin/users/{id}/suspend"),
            &rex.token,
            Some(&json!({"reason": "testing"})),
        )
        .await;
    assert_problem(res, 403, "admin_only").await;
    assert_problem(app.get_authed("/admin/users", &rex.token).await, 403, "admin_only").await;
    assert_problem(app.get_authed("/admin/audit", &rex.token).await, 403, "admin_only").await;

    let res = app
        .authed(
            Method::POST,
            &format!("/admin/users/{id}/suspend"),
            &admin.token,
            Some(&json!({"reason": ""})),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .authed(
            Method::POST,
            "/admin/users/no-such-user/suspend",
            &admin.token,
            Some(&json!({"reason": "spam posts"})),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .authed(
            Method::POST,
            &format!("/admin/users/{id}/suspend"),
            &admin.token,
            Some(&json!({"reason": "spam posts"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_authed("/me", &rex.token).await.status(), 401, "sessions end at once");
    let res = app.post("/auth/login", &json!({"email": rex.email, "password": PASSWORD})).await;
    let body = assert_problem(res, 403, "account_suspended").await;
    assert!(body["detail"].as_str().unwrap().contains("spam posts"));

    let users: Value =
        app.get_authed("/admin/users?limit=1", &admin.token).await.json().await.unwrap();
    assert_eq!(users["items"].as_array().unwrap().len(), 1);
    assert!(users["next_cursor"].is_string());
    let res = app
        .authed(
            Method::POST,
            &format!("/admin/users/{id}/unsuspend"),
            &admin.token,
            Some(&json!({"reason": "appeal accepted"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    app.login(&rex.email, PASSWORD).await;

    let audit: Value = app
        .get_authed("/admin/audit?action=admin.user_suspended", &admin.token)
        .await
        .json()
        .await
        .unwrap();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["subject_id"], id);
    assert_eq!(items[0]["details"]["reason"], "spam posts");
    assert_problem(
        app.get_authed("/admin/audit?cursor=abc", &admin.token).await,
        422,
        "validation_failed",
    )
    .await;
    // Actions are a closed set: a misspelt filter is an error, not an empty page.
    let body = assert_problem(
        app.get_authed("/admin/audit?action=admin.user_suspend", &admin.token).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "action");
    assert_problem(
        app.get_authed("/admin/users?limit=500", &admin.token).await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn admins_add_conditions_to_the_catalog() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("sam").await;
    let body = json!({"slug": "sjogrens", "name": "Sjögren's syndrome", "icd10": "M35.0"});
    assert_eq!(app.authed(Method::POST, "/conditions", &t, Some(&body)).await.status(), 403);
    let res = app.authed(Method::POST, "/conditions", &admin, Some(&body)).await;
    assert_eq!(res.status(), 201);
    let dup = app.authed(Method::POST, "/conditions", &admin, Some(&body)).await;
    let dup = assert_problem(dup, 422, "validation_failed").await;
    assert_eq!(dup["errors"][0]["code"], "taken");
    let bad = app
        .authed(
            Method::POST,
            "/conditions",
            &admin,
            Some(&json!({"slug": "Bad Slug", "name": "x", "icd10": "nope"})),
        )
        .await;
    let bad = assert_problem(bad, 422, "validation_failed").await;
    let fields: Vec<&str> =
        bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["slug", "name", "icd10"]);
    let catalog: Value =
        app.client.get(app.api("/conditions")).send().await.unwrap().json().await.unwrap();
    assert!(catalog["items"].as_array().unwrap().iter().any(|c| c["slug"] == "sjogrens"));
}
