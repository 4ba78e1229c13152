//! Researcher verification: a verified member applies, an admin approves (the member becomes
//! a researcher) or rejects with a reason; each step is audited and emailed; who may call
//! what.

use kindred_tests::actors::{self, Actor};
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::assert_problem;

fn application() -> Value {
    json!({
        "institution": "University of Somewhere",
        "title": "Research fellow",
        "institutional_email": "fellow@somewhere.example.edu",
        "statement": "I study how peak flow varies with pollen counts in adults with asthma.",
        "orcid": "0000-0002-1825-0097",
    })
}

async fn apply(app: &TestApp, who: &Actor, body: &Value) -> reqwest::Response {
    app.request_as(who, Method::POST, "/researcher/application", Some(body)).await
}

#[tokio::test]
async fn apply_approve_and_the_member_is_a_researcher() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let ann = actors::patient(&app).await;
    assert_eq!(app.get_as(&ann, "/researcher/application").await.status(), 404);
    let res = apply(&app, &ann, &application()).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let filed: Value = res.json().await.unwrap();
    assert_eq!(filed["status"], "pending");
    assert_eq!(filed["orcid"], "0000-0002-1825-0097");
    app.mail.wait_for(&ann.email, "We received your researcher application").await;
    // One at a time.
    assert_problem(apply(&app, &ann, &application()).await, 409, "application_pending").await;

    let queue: Value = app.get_as(&admin, "/admin/researchers").await.json().await.unwrap();
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{queue}");
    assert_eq!(items[0]["user_id"], ann.id.as_str());
    let id = items[0]["id"].as_str().unwrap().to_string();

    let res = app
        .request_as(&admin, Method::POST, &format!("/admin/researchers/{id}/approve"), None)
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let me: Value = app.get_as(&ann, "/me").await.json().await.unwrap();
    assert_eq!(me["role"], "researcher", "the role applies on the next request");
    let mail = app.mail.wait_for(&ann.email, "was reviewed").await;
    assert!(mail.text.contains("approved"), "{}", mail.text);
    let mine: Value = app.get_as(&ann, "/researcher/application").await.json().await.unwrap();
    assert_eq!(mine["status"], "approved");
    // Decided once; a researcher needs no new application.
    let again = app
        .request_as(&admin, Method::POST, &format!("/admin/researchers/{id}/approve"), None)
        .await;
    assert_problem(again, 409, "already_decided").await;
    assert_problem(apply(&app, &ann, &application()).await, 409, "already_researcher").await;

    let audit: Value = app.get_as(&admin, "/admin/audit?limit=100").await.json().await.unwrap();
    let actions: Vec<&str> =
        audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in ["research.application_submitted", "admin.researcher_approved"] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

#[tokio::test]
async fn a_rejection_gives_the_reason_and_a_new_application_may_follow() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let bo = actors::patient(&app).await;
    let filed: Value = apply(&app, &bo, &application()).await.json().await.unwrap();
    let id = filed["id"].as_str().unwrap();
    let res = app
        .request_as(
            &admin,
            Method::POST,
            &format!("/admin/researchers/{id}/reject"),
            Some(&json!({"reason": "Please apply with your institutional address verified."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let mail = app.mail.wait_for(&bo.email, "was reviewed").await;
    assert!(mail.text.contains("institutional address verified"), "{}", mail.text);
    let me: Value = app.get_as(&bo, "/me").await.json().await.unwrap();
    assert_eq!(me["role"], "patient");
    let mine: Value = app.get_as(&bo, "/researcher/application").await.json().await.unwrap();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(mine["reason"], "Please apply with your institutional address verified.");
    assert_eq!(apply(&app, &bo, &application()).await.status(), 201);
    // A reason is required.
    let next: Value = app.get_as(&admin, "/admin/researchers").await.json().await.unwrap();
    let id = next["items"][0]["id"].as_str().unwrap();
    let res = app
        .request_as(
            &admin,
            Method::POST,
            &format!("/admin/researchers/{id}/reject"),
            Some(&json!({"reason": " "})),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn bad_applications_and_who_may_do_what() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let cy = actors::patient(&app).await;
    let unverified = actors::unverified(&app).await;
    for (field, value) in [
        ("orcid", json!("0000-0002-1825-0098")),
        ("institutional_email", json!("not-an-address")),
        ("statement", json!("too short")),
        ("institution", json!("U")),
        ("title", json!("two\nlines")),
    ] {
        let mut body = application();
        body[field] = value;
        let problem = assert_problem(apply(&app, &cy, &body).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let mut extra = application();
    extra["role"] = json!("admin");
    assert_problem(apply(&app, &cy, &extra).await, 422, "validation_failed").await;
    assert_problem(apply(&app, &unverified, &application()).await, 403, "email_not_verified").await;
    assert_eq!(apply(&app, &actors::anonymous(), &application()).await.status(), 401);
    assert_problem(apply(&app, &admin, &application()).await, 409, "already_researcher").await;

    let filed: Value = apply(&app, &cy, &application()).await.json().await.unwrap();
    let id = filed["id"].as_str().unwrap();
    for path in [format!("/admin/researchers/{id}/approve"), "/admin/researchers".to_string()] {
        let method = if path.ends_with("approve") { Method::POST } else { Method::GET };
        assert_eq!(app.request_as(&cy, method.clone(), &path, None).await.status(), 403, "{path}");
        assert_eq!(app.request_as(&actors::anonymous(), method, &path, None).await.status(), 401);
    }
    let res = app.request_as(&admin, Method::POST, "/admin/researchers/nope/approve", None).await;
    assert_eq!(res.status(), 404);
    assert_problem(
        app.get_as(&admin, "/admin/researchers?status=maybe").await,
        422,
        "validation_failed",
    )
    .await;
    // Export and erasure cover applications.
    let export: Value = app.get_as(&cy, "/me/export").await.json().await.unwrap();
    assert_eq!(
        export["data"]["researcher_applications"][0]["institution"],
        "University of Somewhere"
    );
}
