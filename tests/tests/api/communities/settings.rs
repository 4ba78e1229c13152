//! A community's condition: shown on its card, kept by a settings change that leaves it out,
//! cleared by an explicit null.

use super::{get_json, SLUG};
use crate::helpers::assert_problem;
use kindred_tests::actors;
use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

/// The settings every `PATCH /communities/{slug}` sends, without `condition`.
fn settings(name: &str) -> Value {
    json!({"name": name, "description": "Breathing easier together.", "visibility": "members", "approve_first_posts": false})
}

#[tokio::test]
async fn the_condition_is_shown_and_kept_unless_changed() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let patient = actors::patient(&app).await;
    let path = format!("/communities/{SLUG}");

    // Seeded communities name their condition; those about none say null.
    let card = get_json(&app, &patient, &path).await;
    assert_eq!(card["condition"], json!({"slug": "asthma", "name": "Asthma"}));
    assert_eq!(get_json(&app, &patient, "/communities/caregivers").await["condition"], Value::Null);
    let list = get_json(&app, &patient, "/communities").await;
    let listed = list["items"].as_array().unwrap().iter().find(|c| c["slug"] == SLUG).unwrap();
    assert_eq!(listed["condition"]["slug"], "asthma");

    // A change that leaves the condition out keeps it.
    let res = app.request_as(&admin, Method::PATCH, &path, Some(&settings("Asthma"))).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["condition"], json!({"slug": "asthma", "name": "Asthma"}));
    assert_eq!(get_json(&app, &patient, &path).await["condition"]["slug"], "asthma");

    // A slug changes it; null clears it.
    let mut body = settings("Asthma");
    body["condition"] = json!("copd");
    let saved: Value =
        app.request_as(&admin, Method::PATCH, &path, Some(&body)).await.json().await.unwrap();
    assert_eq!(saved["condition"]["slug"], "copd");
    assert_eq!(saved["condition"]["name"], "Chronic obstructive pulmonary disease (COPD)");
    body["condition"] = Value::Null;
    let saved: Value =
        app.request_as(&admin, Method::PATCH, &path, Some(&body)).await.json().await.unwrap();
    assert_eq!(saved["condition"], Value::Null);
    assert_eq!(get_json(&app, &patient, &path).await["condition"], Value::Null);
    // …and leaving it out now keeps "none".
    let saved: Value = app
        .request_as(&admin, Method::PATCH, &path, Some(&settings("Asthma")))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["condition"], Value::Null);

    // A new community reports the condition it was created with, or null.
    let res = app
        .request_as(
            &admin,
            Method::POST,
            "/communities",
            Some(&json!({"slug": "ms-together", "name": "MS together", "condition": "multiple-sclerosis"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.json::<Value>().await.unwrap()["condition"]["slug"], "multiple-sclerosis");
    let res = app
        .request_as(
            &admin,
            Method::POST,
            "/communities",
            Some(&json!({"slug": "pacing", "name": "Pacing"})),
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["condition"], Value::Null);

    // Bad input is a 422 on the field and changes nothing; others may not change it at all.
    for (condition, code) in [(json!("no-such-condition"), "unknown_condition")] {
        let mut body = settings("Asthma");
        body["condition"] = condition;
        let res =
            app.request_as(&admin, Method::PATCH, "/communities/ms-together", Some(&body)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], "condition");
        assert_eq!(problem["errors"][0]["code"], code);
    }
    for condition in [json!(5), json!(["asthma"]), json!({"slug": "asthma"})] {
        let mut body = settings("Asthma");
        body["condition"] = condition;
        let res =
            app.request_as(&admin, Method::PATCH, "/communities/ms-together", Some(&body)).await;
        assert_eq!(res.status(), 422);
    }
    let mut body = settings("Asthma");
    body["condition"] = json!("asthma");
    let res =
        app.request_as(&patient, Method::PATCH, "/communities/ms-together", Some(&body)).await;
    assert_problem(res, 403, "admin_only").await;
    let res = app
        .request_as(&patient, Method::PATCH, "/communities/ms-together", Some(&settings("x")))
        .await;
    assert_problem(res, 403, "admin_only").await;
    let card = get_json(&app, &admin, "/communities/ms-together").await;
    assert_eq!(card["condition"]["slug"], "multiple-sclerosis", "nothing changed: {card}");
    assert_eq!(card["name"], "MS together");

    // Archiving and restoring keep the condition too (a restore writes NULL, like a clear).
    for archived in [true, false] {
        let mut body = settings("MS together");
        body["archived"] = json!(archived);
        let res =
            app.request_as(&admin, Method::PATCH, "/communities/ms-together", Some(&body)).await;
        let saved: Value = res.json().await.unwrap();
        assert_eq!(saved["archived"], archived, "{saved}");
        assert_eq!(saved["condition"]["slug"], "multiple-sclerosis");
    }
    assert_eq!(get_json(&app, &admin, "/communities/ms-together").await["archived"], false);
}
