//! Studies: drafted by a researcher, shared with fellow researchers, submitted, approved
//! (the consent text fixed) or rejected with a reason, frozen while under review or approved,
//! closed after their last day; who may see and do what.

use kindred_tests::actors::{self, Actor};
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::study;
use crate::helpers::assert_problem;

async fn create(app: &TestApp, who: &Actor, body: &Value) -> reqwest::Response {
    app.request_as(who, Method::POST, "/studies", Some(body)).await
}

async fn created(app: &TestApp, who: &Actor) -> String {
    let res = create(app, who, &study()).await;
    assert_eq!(res.status(), 201, "create: {}", res.text().await.unwrap_or_default());
    let s: Value = res.json().await.unwrap();
    s["id"].as_str().unwrap().to_string()
}

async fn post(
    app: &TestApp,
    who: &Actor,
    path: impl Into<String>,
    body: Option<Value>,
) -> reqwest::Response {
    app.request_as(who, Method::POST, &path.into(), body.as_ref()).await
}

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn draft_submit_approve_and_the_consent_text_is_fixed() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let res = create(&app, &rita, &study()).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let s: Value = res.json().await.unwrap();
    let id = s["id"].as_str().unwrap().to_string();
    assert_eq!(s["status"], "draft");
    assert_eq!(s["min_cohort"], 11, "the platform minimum by default");
    assert_eq!(s["members"][0]["handle"], rita.handle.as_str());
    assert_eq!(s["members"][0]["owner"], true);
    assert_eq!(s["categories"][1]["category"], "measurement:peak_flow");
    let kinds: Vec<&str> =
        s["eligibility"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["community", "condition"], "{s}");
    assert!(s["consent_text"].is_null());

    // A draft changes.
    let path = format!("/studies/{id}");
    let changed = ok(app
        .request_as(
            &rita,
            Method::PATCH,
            &path,
            Some(&json!({"title": "Pollen, weather and peak flow"})),
        )
        .await)
    .await;
    assert_eq!(changed["title"], "Pollen, weather and peak flow");
    assert_eq!(changed["categories"].as_array().unwrap().len(), 3, "untouched fields stay");

    // Submitted: frozen.
    let sub = ok(post(&app, &rita, format!("{path}/submit"), None).await).await;
    assert_eq!(sub["status"], "submitted");
    let res = app.request_as(&rita, Method::PATCH, &path, Some(&json!({"title": "Other"}))).await;
    assert_problem(res, 409, "study_frozen").await;
    assert_problem(post(&app, &rita, format!("{path}/submit"), None).await, 409, "study_frozen")
        .await;

    // The review queue.
    let queue = ok(app.get_as(&admin, "/studies").await).await;
    assert!(queue["items"].as_array().unwrap().iter().any(|s| s["id"] == id.as_str()), "{queue}");
    let res =
        post(&app, &admin, format!("{path}/approve"), Some(json!({"date_mode": "sometimes"})))
            .await;
    assert_problem(res, 422, "validation_failed").await;
    let approved =
        ok(post(&app, &admin, format!("{path}/approve"), Some(json!({"date_mode": "relative"})))
            .await)
        .await;
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["date_mode"], "relative");
    let text = approved["consent_text"].as_str().unwrap();
    for part in ["University of Somewhere", "Peak flow shows how open the airways are.", "withdraw"]
    {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(
        approved["consent_sha256"].as_str().unwrap(),
        hex::encode(Sha256::digest(text.as_bytes())),
        "the hash is the text's SHA-256"
    );
    let mail = app.mail.wait_for(&rita.email, "Your study was reviewed").await;
    assert!(mail.text.contains("approved"), "{}", mail.text);
    // Decided once; an approved study is frozen too.
    let again =
        post(&app, &admin, format!("{path}/approve"), Some(json!({"date_mode": "absolute"})));
    assert_problem(again.await, 409, "not_submitted").await;
    let res = app.request_as(&rita, Method::PATCH, &path, Some(&json!({"title": "Other"}))).await;
    assert_problem(res, 409, "study_frozen").await;
    // Researchers list their own.
    let mine = ok(app.get_as(&rita, "/studies").await).await;
    assert_eq!(mine["items"][0]["id"], id.as_str());
    let approved_list = ok(app.get_as(&admin, "/studies?status=approved").await).await;
    assert_eq!(approved_list["items"][0]["id"], id.as_str());
}

#[tokio::test]
async fn a_rejected_study_changes_and_returns_for_review() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let id = created(&app, &rita).await;
    let path = format!("/studies/{id}");
    // Only a submitted study is decided.
    let res = post(&app, &admin, format!("{path}/reject"), Some(json!({"reason": "Too early."})));
    assert_problem(res.await, 409, "not_submitted").await;
    ok(post(&app, &rita, format!("{path}/submit"), None).await).await;
    let res = post(&app, &admin, format!("{path}/reject"), Some(json!({"reason": " "})));
    assert_problem(res.await, 422, "validation_failed").await;
    let rejected = ok(post(
        &app,
        &admin,
        format!("{path}/reject"),
        Some(json!({"reason": "Name the ethics committee in the reference."})),
    )
    .await)
    .await;
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["review_reason"], "Name the ethics committee in the reference.");
    let mail = app.mail.wait_for(&rita.email, "Your study was reviewed").await;
    assert!(mail.text.contains("Name the ethics committee"), "{}", mail.text);
    let fixed = ok(app
        .request_as(
            &rita,
            Method::PATCH,
            &path,
            Some(&json!({"ethics_reference": "Leeds REC 26/017"})),
        )
        .await)
    .await;
    assert_eq!(fixed["status"], "rejected");
    let again = ok(post(&app, &rita, format!("{path}/submit"), None).await).await;
    assert_eq!(again["status"], "submitted");
    assert!(again["review_reason"].is_null(), "a new submission starts a new review");
}

#[tokio::test]
async fn bad_studies_are_refused_with_the_field_named() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("title", json!("AB"), "too_short"),
        ("lay_summary", json!("Too short."), "too_short"),
        ("ethics_reference", json!("two\nlines"), "invalid_character"),
        ("min_cohort", json!(10), "below_platform_minimum"),
        ("data_to", json!("2025-12-31"), "before_start"),
        ("ends_on", json!("2025-06-30"), "before_start"),
        ("conditions", json!(["no-such-condition"]), "unknown"),
        ("communities", json!(["no-such-community"]), "unknown"),
        ("categories", json!([]), "required"),
        (
            "categories",
            json!([{"category": "everything", "reason": "Because."}]),
            "unknown_category",
        ),
        (
            "categories",
            json!([{"category": "questionnaire:nope", "reason": "Because."}]),
            "unknown_category",
        ),
        (
            "categories",
            json!([{"category": "measurement:nope", "reason": "Because."}]),
            "unknown_category",
        ),
        (
            "categories",
            json!([{"category": "demographics", "reason": "Because."}, {"category": "demographics", "reason": "Again."}]),
            "duplicate",
        ),
    ];
    for (field, value, code) in cases {
        let mut body = study();
        body[field] = value.clone();
        let problem =
            assert_problem(create(&app, &rita, &body).await, 422, "validation_failed").await;
        let errors = problem["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"].as_str().unwrap().starts_with(field) && e["code"] == code),
            "{field} = {value}: {problem}"
        );
    }
    // Missing fields are named.
    let problem = assert_problem(
        create(&app, &rita, &json!({"title": "Only a title"})).await,
        422,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in ["lay_summary", "purpose", "ethics_reference", "data_from", "categories", "conditions"]
    {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let mut extra = study();
    extra["status"] = json!("approved");
    assert_problem(create(&app, &rita, &extra).await, 422, "validation_failed").await;
    let mut wrong_type = study();
    wrong_type["min_cohort"] = json!("eleven");
    assert_problem(create(&app, &rita, &wrong_type).await, 422, "validation_failed").await;
    // A study whose last day has passed cannot be submitted.
    let mut ended = study();
    ended["data_from"] = json!("2020-01-01");
    ended["data_to"] = json!("2020-12-31");
    ended["ends_on"] = json!("2021-01-31");
    let res = create(&app, &rita, &ended).await;
    assert_eq!(res.status(), 201, "a draft may be anything valid");
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let problem = assert_problem(
        post(&app, &rita, format!("/studies/{id}/submit"), None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "in_the_past", "{problem}");
}

#[tokio::test]
async fn who_may_see_and_do_what() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let sam = actors::researcher(&app, &admin).await;
    let other = actors::researcher(&app, &admin).await;
    let patient = actors::patient(&app).await;
    let unverified = actors::unverified(&app).await;
    let anon = actors::anonymous();
    let id = created(&app, &rita).await;
    let path = format!("/studies/{id}");

    // Drafting needs the researcher role.
    for who in [&patient, &unverified] {
        assert_problem(create(&app, who, &study()).await, 403, "not_a_researcher").await;
        assert_problem(app.get_as(who, "/studies").await, 403, "not_a_researcher").await;
    }
    assert_problem(create(&app, &admin, &study()).await, 403, "not_a_researcher").await;
    assert_eq!(create(&app, &anon, &study()).await.status(), 401);
    // Someone else's study is not there.
    for who in [&sam, &other, &patient, &unverified] {
        assert_eq!(app.get_as(who, &path).await.status(), 404, "{}", who.handle);
        let res =
            app.request_as(who, Method::PATCH, &path, Some(&json!({"title": "Mine now"}))).await;
        assert_eq!(res.status(), 404, "{}", who.handle);
        assert_eq!(post(&app, who, format!("{path}/submit"), None).await.status(), 404);
        let res = post(&app, who, format!("{path}/members"), Some(json!({"handle": who.handle})));
        assert_eq!(res.await.status(), 404);
    }
    assert_eq!(app.get_as(&anon, &path).await.status(), 401);
    assert_eq!(app.get_as(&rita, "/studies/no-such-study").await.status(), 404);
    // Admins read and review, but do not edit.
    ok(app.get_as(&admin, &path).await).await;
    let res =
        app.request_as(&admin, Method::PATCH, &path, Some(&json!({"title": "Admin's"}))).await;
    assert_problem(res, 403, "not_a_study_researcher").await;
    for who in [&rita, &patient] {
        let res =
            post(&app, who, format!("{path}/approve"), Some(json!({"date_mode": "relative"})));
        assert_eq!(res.await.status(), 403);
        let res = post(&app, who, format!("{path}/reject"), Some(json!({"reason": "No."})));
        assert_eq!(res.await.status(), 403);
    }
    let res = post(
        &app,
        &admin,
        "/studies/no-such-study/approve",
        Some(json!({"date_mode": "relative"})),
    );
    assert_eq!(res.await.status(), 404);

    // The owner adds a fellow researcher, who then reads and edits the study …
    let members = format!("{path}/members");
    let added = ok(post(&app, &rita, &members, Some(json!({"handle": sam.handle}))).await).await;
    assert_eq!(added["members"].as_array().unwrap().len(), 2);
    assert_eq!(added["members"][1]["owner"], false);
    ok(app.get_as(&sam, &path).await).await;
    let res = app.request_as(&sam, Method::PATCH, &path, Some(&json!({"min_cohort": 20}))).await;
    assert_eq!(ok(res).await["min_cohort"], 20);
    // … but only the owner adds researchers.
    let res = post(&app, &sam, &members, Some(json!({"handle": other.handle})));
    assert_problem(res.await, 403, "not_owner").await;
    assert_problem(
        post(&app, &rita, &members, Some(json!({"handle": sam.handle}))).await,
        409,
        "already_member",
    )
    .await;
    for (handle, code) in
        [(patient.handle.as_str(), "not_a_researcher"), ("nobody_here", "unknown_handle")]
    {
        let problem = assert_problem(
            post(&app, &rita, &members, Some(json!({"handle": handle}))).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["code"], code, "{problem}");
    }
    // Researchers see their own studies only.
    let sams = ok(app.get_as(&sam, "/studies").await).await;
    assert_eq!(sams["items"].as_array().unwrap().len(), 1);
    let others = ok(app.get_as(&other, "/studies").await).await;
    assert!(others["items"].as_array().unwrap().is_empty(), "{others}");
    // Export and erasure cover studies.
    let export: Value = app.get_as(&rita, "/me/export").await.json().await.unwrap();
    assert_eq!(export["data"]["studies_owned"][0]["id"], id.as_str(), "{}", export["data"]);
    assert_eq!(export["data"]["study_memberships"][0]["study_id"], id.as_str());
}

#[tokio::test]
async fn a_study_past_its_last_day_closes() {
    use diesel::prelude::*;
    use kindred_db::schema::studies;

    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let id = created(&app, &rita).await;
        ok(post(&app, &rita, format!("/studies/{id}/submit"), None).await).await;
        let path = format!("/studies/{id}/approve");
        ok(post(&app, &admin, &path, Some(json!({"date_mode": "absolute"}))).await).await;
        ids.push(id);
    }
    // Both ended yesterday.
    let yesterday = kindred_db::now_utc().date_naive() - chrono::TimeDelta::days(1);
    let set = ids.clone();
    app.pool
        .run(move |c| {
            diesel::update(studies::table.filter(studies::id.eq_any(set)))
                .set(studies::ends_on.eq(yesterday))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    // The first closes as soon as anyone looks at it …
    let first = ok(app.get_as(&rita, &format!("/studies/{}", ids[0])).await).await;
    assert_eq!(first["status"], "closed");
    assert!(first["closed_at"].is_string());
    assert_problem(
        post(&app, &rita, format!("/studies/{}/submit", ids[0]), None).await,
        409,
        "study_closed",
    )
    .await;
    // … the second when the hourly job runs.
    let today = kindred_db::now_utc().date_naive();
    let closed = app
        .pool
        .run::<usize, kindred_app::AppError, _>(move |c| {
            kindred_app::research::studies::close_ended(c, today)
        })
        .unwrap();
    assert_eq!(closed, 1);
    let second = ok(app.get_as(&admin, &format!("/studies/{}", ids[1])).await).await;
    assert_eq!(second["status"], "closed");
}
