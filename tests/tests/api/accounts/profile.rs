//! Profile, sessions and my conditions, including other people's data (404).

use crate::helpers::assert_problem;
use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn profile_updates_and_clears_fields() {
    let app = spawn_app().await;
    let t = app.patient("mia").await;
    let res = app
        .authed(Method::PATCH, "/me", &t, Some(&json!({"birth_year": 1980, "sex": "female", "country": "gb", "visibility": "private", "notify_email": false, "handle": "Mia_R"})))
        .await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["handle"], "Mia_R");
    assert_eq!(
        me["profile"],
        json!({"visibility": "private", "birth_year": 1980, "sex": "female", "country": "GB", "notify_email": false, "time_zone": null, "visibility_chosen": true})
    );
    // null clears; absent leaves alone.
    let me: Value = app
        .authed(Method::PATCH, "/me", &t, Some(&json!({"birth_year": null})))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["profile"]["birth_year"], Value::Null);
    assert_eq!(me["profile"]["country"], "GB");
    // Handles are unique case-insensitively.
    let _ = app.patient("nia").await;
    let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"handle": "NIA"}))).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "handle");
    assert_eq!(body["errors"][0]["code"], "taken");
}

#[tokio::test]
async fn sessions_are_listed_and_revocable_but_only_mine() {
    let app = spawn_app().await;
    app.register_verified("oli@example.org", "oli", PASSWORD).await;
    let a =
        app.login("oli@example.org", PASSWORD).await["access_token"].as_str().unwrap().to_string();
    let b =
        app.login("oli@example.org", PASSWORD).await["access_token"].as_str().unwrap().to_string();
    let list: Value = app.get_authed("/me/sessions", &a).await.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    let other_id =
        items.iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_string();

    let mallory = app.patient("mallory").await;
    let res = app.authed(Method::DELETE, &format!("/me/sessions/{other_id}"), &mallory, None).await;
    assert_problem(res, 404, "not_found").await;
    assert_eq!(app.get_authed("/me", &b).await.status(), 200, "still alive");

    let res = app.authed(Method::DELETE, &format!("/me/sessions/{other_id}"), &a, None).await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_authed("/me", &b).await.status(), 401, "revoked at once");
    let res = app.authed(Method::DELETE, &format!("/me/sessions/{other_id}"), &a, None).await;
    assert_eq!(res.status(), 404, "already revoked");
}

#[tokio::test]
async fn my_conditions_catalog_primary_and_isolation() {
    let app = spawn_app().await;
    let catalog: Value =
        app.client.get(app.api("/conditions")).send().await.unwrap().json().await.unwrap();
    let items = catalog["items"].as_array().unwrap();
    assert!(items.len() >= 20);
    for (slug, code) in [
        ("als", "G12.21"),
        ("multiple-sclerosis", "G35"),
        ("parkinsons", "G20"),
        ("long-covid", "U09.9"),
    ] {
        assert!(items.iter().any(|c| c["slug"] == slug && c["icd10"] == code), "{slug}");
    }
    let t = app.patient("pat").await;
    let res = app.authed(Method::POST, "/me/conditions", &t, Some(&json!({"condition": "als", "status": "active", "diagnosis_year": 2019, "primary": true}))).await;
    assert_eq!(res.status(), 201);
    let res = app
        .authed(
            Method::POST,
            "/me/conditions",
            &t,
            Some(&json!({"condition": "depression", "status": "in_remission", "primary": true})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let dup = app
        .authed(
            Method::POST,
            "/me/conditions",
            &t,
            Some(&json!({"condition": "als", "status": "active"})),
        )
        .await;
    assert_problem(dup, 409, "already_added").await;
    let mine: Value = app.get_authed("/me/conditions", &t).await.json().await.unwrap();
    let mine = mine["items"].as_array().unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0]["condition"]["slug"], "depression", "the newest primary comes first");
    assert_eq!(mine[0]["primary"], true);
    assert_eq!(mine[1]["primary"], false, "only one primary");
    assert_eq!(mine[1]["diagnosis_year"], 2019);

    let other = app.patient("quinn").await;
    let theirs: Value = app.get_authed("/me/conditions", &other).await.json().await.unwrap();
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
    let id = mine[1]["id"].as_str().unwrap();
    let res = app.authed(Method::DELETE, &format!("/me/conditions/{id}"), &other, None).await;
    assert_problem(res, 404, "not_found").await;
    let res = app.authed(Method::DELETE, &format!("/me/conditions/{id}"), &t, None).await;
    assert_eq!(res.status(), 204);
}
