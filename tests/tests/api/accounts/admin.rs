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

/// The ids on one page of `GET /admin/users?<query>` as `admin`, and its `next_cursor`.
async fn user_page(
    app: &kindred_tests::TestApp,
    admin: &actors::Actor,
    query: &str,
) -> (Vec<String>, Value) {
    let res = app.get_as(admin, &format!("/admin/users?{query}")).await;
    assert_eq!(res.status(), 200, "{query}: {}", res.text().await.unwrap_or_default());
    let body: Value = res.json().await.unwrap();
    let ids = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect();
    (ids, body["next_cursor"].clone())
}

#[tokio::test]
async fn admins_filter_accounts_by_standing_role_and_text() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let maria = actors::patient(&app).await;
    let other = actors::another_patient(&app).await;
    let suspended = actors::suspended_by(&app, &admin).await;
    let researcher = actors::researcher(&app, &admin).await;
    let ids = |v: &[&actors::Actor]| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();

    // Standing and role: exactly the matching accounts (the list is oldest first by id).
    let (got, _) = user_page(&app, &admin, "status=suspended").await;
    assert_eq!(got, ids(&[&suspended]));
    let (got, _) = user_page(&app, &admin, "role=researcher").await;
    assert_eq!(got, ids(&[&researcher]));
    let (got, _) = user_page(&app, &admin, "role=admin").await;
    assert_eq!(got, ids(&[&admin]));
    let (mut got, _) = user_page(&app, &admin, "role=patient&status=active").await;
    got.sort();
    let mut want = ids(&[&maria, &other]);
    want.sort();
    assert_eq!(got, want, "active patients: not the suspended one, not the researcher");
    assert_eq!(user_page(&app, &admin, "status=deleted").await.0, Vec::<String>::new());

    // Text: part of a handle or an email, ignoring case; `-` and `.` match a handle's `_`.
    let part = &maria.handle[..maria.handle.len() - 2];
    let (got, _) = user_page(&app, &admin, &format!("q={}", part.to_uppercase())).await;
    assert_eq!(got, ids(&[&maria]));
    let folded = maria.handle.replacen('_', "-", 1);
    assert_eq!(user_page(&app, &admin, &format!("q={folded}")).await.0, ids(&[&maria]));
    let email = other.email.to_uppercase();
    assert_eq!(user_page(&app, &admin, &format!("q={email}")).await.0, ids(&[&other]));
    let (got, _) = user_page(&app, &admin, &format!("q={}&status=suspended", &maria.handle)).await;
    assert!(got.is_empty(), "all filters must hold: {got:?}");
    // `%` and `_` are text, not wildcards.
    assert!(user_page(&app, &admin, "q=%25").await.0.is_empty());
    assert!(user_page(&app, &admin, "q=a_b_c_d").await.0.is_empty());
    // A blank text is no filter.
    assert_eq!(user_page(&app, &admin, "q=%20&role=researcher").await.0, ids(&[&researcher]));

    // Keyset pagination keeps working under a filter.
    let (first, cursor) = user_page(&app, &admin, "role=patient&limit=1").await;
    assert_eq!(first.len(), 1);
    let cursor = cursor.as_str().expect("a next page").to_string();
    let (second, _) =
        user_page(&app, &admin, &format!("role=patient&limit=200&cursor={cursor}")).await;
    let mut all: Vec<String> = first.into_iter().chain(second).collect();
    all.sort();
    let mut patients = ids(&[&maria, &other, &suspended]);
    patients.sort();
    assert_eq!(all, patients);

    // Unknown values are errors naming their parameter, not empty pages.
    for (query, field) in [
        ("status=banned", "status"),
        ("status=Active", "status"),
        ("role=superuser", "role"),
        ("role=", "role"),
    ] {
        let res = app.get_as(&admin, &format!("/admin/users?{query}")).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
    let long = "a".repeat(255);
    let body = assert_problem(
        app.get_as(&admin, &format!("/admin/users?q={long}")).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "q");
    let body = assert_problem(
        app.get_as(&admin, "/admin/users?status=gone&role=boss").await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["status", "role"], "every bad filter is named at once");
    assert_problem(app.get_as(&admin, "/admin/users?sort=handle").await, 422, "validation_failed")
        .await;

    // Only admins, whatever the filters.
    for query in ["status=active", "status=banned", "q=maria"] {
        let res = app.get_as(&maria, &format!("/admin/users?{query}")).await;
        assert_problem(res, 403, "admin_only").await;
        let res = app.get_as(&researcher, &format!("/admin/users?{query}")).await;
        assert_problem(res, 403, "admin_only").await;
    }
    let res = app.get_as(&actors::anonymous(), "/admin/users?status=active").await;
    assert_eq!(res.status(), 401);
}
