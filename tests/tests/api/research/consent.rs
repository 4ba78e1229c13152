//! Consent: invitations to the studies a member is eligible for, the comprehension check
//! before a first consent, granting a subset of categories (a change is a new version),
//! withdrawing in one call, receipts; and the cohort preview researchers see, with counts
//! below k hidden and no pair of answers revealing a smaller group.

use kindred_tests::actors::{self, Actor};
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::assert_problem;

/// An approved study open to members of the asthma community; returns (id, consent hash).
async fn approved_study(app: &TestApp, researcher: &Actor, admin: &Actor) -> (String, String) {
    // Members of the asthma community; demographics and peak flow.
    let mut body = super::study();
    body["categories"] = json!([
        {"category": "demographics", "reason": "Age changes how lungs respond."},
        {"category": "measurement:peak_flow", "reason": "Peak flow shows how open the airways are."},
    ]);
    body.as_object_mut().unwrap().remove("conditions");
    let res = app.request_as(researcher, Method::POST, "/studies", Some(&body)).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let res =
        app.request_as(researcher, Method::POST, &format!("/studies/{id}/submit"), None).await;
    assert_eq!(res.status(), 200);
    let res = app
        .request_as(
            admin,
            Method::POST,
            &format!("/studies/{id}/approve"),
            Some(&json!({"date_mode": "relative"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let s: Value = res.json().await.unwrap();
    (id, s["consent_sha256"].as_str().unwrap().to_string())
}

fn right_answers() -> Value {
    json!({"answers": {
        "what_is_shared": "chosen_categories",
        "identity": "random_code",
        "withdrawing": "stops_future",
    }})
}

async fn join(app: &TestApp, a: &Actor) {
    let res = app.request_as(a, Method::POST, "/communities/asthma/join", None).await;
    assert_eq!(res.status(), 204);
}

async fn consent(
    app: &TestApp,
    a: &Actor,
    id: &str,
    cats: &[&str],
    hash: &str,
) -> reqwest::Response {
    app.request_as(
        a,
        Method::POST,
        &format!("/studies/{id}/consent"),
        Some(&json!({"categories": cats, "consent_text_sha256": hash})),
    )
    .await
}

/// A member of the asthma community who passed the check and consents to `cats`.
async fn consenting(app: &TestApp, id: &str, hash: &str, cats: &[&str]) -> Actor {
    let p = actors::patient(app).await;
    join(app, &p).await;
    let res =
        app.request_as(&p, Method::POST, "/me/comprehension-check", Some(&right_answers())).await;
    assert_eq!(res.status(), 200);
    let res = consent(app, &p, id, cats, hash).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    p
}

async fn cohort(app: &TestApp, who: &Actor, id: &str) -> Value {
    let res = app.get_as(who, &format!("/studies/{id}/cohort")).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    res.json().await.unwrap()
}

#[tokio::test]
async fn invited_members_pass_the_check_consent_change_and_withdraw() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let (id, hash) = approved_study(&app, &rita, &admin).await;
    let ann = actors::patient(&app).await;
    let bob = actors::another_patient(&app).await;
    join(&app, &ann).await;

    // Only eligible members are invited; the others cannot consent (404).
    let inv: Value = app.get_as(&ann, "/me/invitations").await.json().await.unwrap();
    let item = &inv["items"][0];
    assert_eq!(item["study_id"], id.as_str(), "{inv}");
    assert_eq!(item["institution"], "University of Somewhere");
    assert_eq!(item["consent_sha256"], hash.as_str());
    assert_eq!(item["categories"][1]["label"], "Your peak flow measurements");
    assert_eq!(item["categories"][1]["reason"], "Peak flow shows how open the airways are.");
    assert!(item["my_consent"].is_null());
    let none: Value = app.get_as(&bob, "/me/invitations").await.json().await.unwrap();
    assert!(none["items"].as_array().unwrap().is_empty(), "{none}");
    assert_eq!(consent(&app, &bob, &id, &["demographics"], &hash).await.status(), 404);

    // The comprehension check comes first.
    assert_problem(
        consent(&app, &ann, &id, &["demographics"], &hash).await,
        403,
        "comprehension_required",
    )
    .await;
    let check: Value = app.get_as(&ann, "/me/comprehension-check").await.json().await.unwrap();
    assert_eq!(check["questions"].as_array().unwrap().len(), 3);
    assert!(check["passed_at"].is_null());
    let mut wrong = right_answers();
    wrong["answers"]["withdrawing"] = json!("deletes_everything");
    let res = app.request_as(&ann, Method::POST, "/me/comprehension-check", Some(&wrong)).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "answers.withdrawing", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "wrong_answer");
    let res =
        app.request_as(&ann, Method::POST, "/me/comprehension-check", Some(&right_answers())).await;
    assert_eq!(res.status(), 200);
    let check: Value = app.get_as(&ann, "/me/comprehension-check").await.json().await.unwrap();
    assert!(check["passed_at"].is_string());

    // The text must be the one shown; the categories a subset of what is asked.
    let stale = "0".repeat(64);
    assert_problem(
        consent(&app, &ann, &id, &["demographics"], &stale).await,
        409,
        "consent_text_changed",
    )
    .await;
    for cats in [&[][..], &["conditions"][..], &["demographics", "demographics"][..]] {
        let res = consent(&app, &ann, &id, cats, &hash).await;
        assert_problem(res, 422, "validation_failed").await;
    }
    let res = consent(&app, &ann, &id, &["measurement:peak_flow"], &hash).await;
    assert_eq!(res.status(), 201);
    let first: Value = res.json().await.unwrap();
    assert_eq!(first["version"], 1);
    assert_eq!(first["kind"], "granted");
    assert_eq!(first["categories"], json!(["measurement:peak_flow"]));
    assert_eq!(first["consent_sha256"], hash.as_str());
    assert!(first["how_to_withdraw"].as_str().unwrap().contains(&format!("/studies/{id}/consent")));
    // The same again changes nothing; other categories are a new version.
    let res = consent(&app, &ann, &id, &["measurement:peak_flow"], &hash).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["receipt_id"], first["receipt_id"]);
    let res = consent(&app, &ann, &id, &["measurement:peak_flow", "demographics"], &hash).await;
    assert_eq!(res.status(), 201);
    let second: Value = res.json().await.unwrap();
    assert_eq!(second["version"], 2);
    assert_eq!(
        second["categories"],
        json!(["demographics", "measurement:peak_flow"]),
        "study order"
    );
    let inv: Value = app.get_as(&ann, "/me/invitations").await.json().await.unwrap();
    assert_eq!(inv["items"][0]["my_consent"]["version"], 2);

    // Receipts: mine as a file; someone else's is not there.
    let rid = first["receipt_id"].as_str().unwrap();
    let res = app.get_as(&ann, &format!("/me/consents/{rid}")).await;
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(app.get_as(&bob, &format!("/me/consents/{rid}")).await.status(), 404);

    // Withdrawing: one call; then nothing to withdraw.
    let res = app.request_as(&ann, Method::DELETE, &format!("/studies/{id}/consent"), None).await;
    assert_eq!(res.status(), 204);
    let res = app.request_as(&ann, Method::DELETE, &format!("/studies/{id}/consent"), None).await;
    assert_eq!(res.status(), 404);
    let mine: Value = app.get_as(&ann, "/me/consents").await.json().await.unwrap();
    let kinds: Vec<&str> =
        mine["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["withdrawn", "granted", "granted"], "append-only, newest first");
    // Consenting again after withdrawing is a new version.
    let res = consent(&app, &ann, &id, &["demographics"], &hash).await;
    assert_eq!(res.json::<Value>().await.unwrap()["version"], 3);
    // Export covers consents and the check.
    let export: Value = app.get_as(&ann, "/me/export").await.json().await.unwrap();
    assert_eq!(export["data"]["consents"].as_array().unwrap().len(), 4);
    assert_eq!(export["data"]["comprehension_check"][0]["version"], 1);

    // An unverified member cannot consent.
    let unverified = actors::unverified(&app).await;
    assert_problem(
        consent(&app, &unverified, &id, &["demographics"], &hash).await,
        403,
        "email_not_verified",
    )
    .await;
    // Anonymous: 401.
    assert_eq!(app.get_as(&actors::anonymous(), "/me/invitations").await.status(), 401);
}

#[tokio::test]
async fn the_cohort_preview_hides_small_counts_and_their_differences() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let rita = actors::researcher(&app, &admin).await;
    let other = actors::researcher(&app, &admin).await;
    let (id, hash) = approved_study(&app, &rita, &admin).await;

    let c = cohort(&app, &rita, &id).await;
    assert_eq!(c["k"], 11);
    assert_eq!(c["consenting"]["label"], "0");

    // Ten consent to both categories: "fewer than 11", no number.
    let mut members = Vec::new();
    for _ in 0..10 {
        members
            .push(consenting(&app, &id, &hash, &["demographics", "measurement:peak_flow"]).await);
    }
    let c = cohort(&app, &rita, &id).await;
    assert_eq!(c["consenting"]["label"], "fewer than 11", "{c}");
    assert_eq!(c["consenting"]["suppressed"], true);
    assert!(c["consenting"]["at_least"].is_null());
    assert!(!c.to_string().contains("10"), "the count of ten appears nowhere: {c}");

    // An eleventh consents to measurements only: overall 11, demographics still 10.
    let eleventh = consenting(&app, &id, &hash, &["measurement:peak_flow"]).await;
    let c = cohort(&app, &rita, &id).await;
    assert_eq!(c["consenting"]["label"], "at least 11", "{c}");
    assert_eq!(c["categories"][0]["category"], "demographics");
    assert_eq!(c["categories"][0]["consenting"]["label"], "fewer than 11");
    assert_eq!(c["categories"][1]["consenting"]["label"], "at least 11");
    assert_eq!(c["eligible"]["label"], "at least 11");
    // A twelfth consenting to both: overall 12 and demographics 11 are both "at least 11", so
    // the one member who withheld demographics stays hidden (12 − 11 would reveal them).
    members.push(consenting(&app, &id, &hash, &["demographics", "measurement:peak_flow"]).await);
    let c = cohort(&app, &rita, &id).await;
    assert_eq!(c["consenting"]["label"], "at least 11");
    assert_eq!(c["categories"][0]["consenting"]["label"], "at least 11");

    // A withdrawal counts at once.
    for m in [&members[0], &eleventh] {
        let res = app.request_as(m, Method::DELETE, &format!("/studies/{id}/consent"), None).await;
        assert_eq!(res.status(), 204);
    }
    let c = cohort(&app, &rita, &id).await;
    assert_eq!(c["consenting"]["label"], "fewer than 11", "{c}");

    // Erasing an account withdraws its consents (the events stay, append-only).
    let res = app
        .request_as(
            &members[2],
            Method::DELETE,
            "/me",
            Some(&json!({"password": kindred_tests::http::PASSWORD})),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let erased = members[2].id.clone();
    let latest: String = app
        .pool
        .run(move |c| {
            use diesel::prelude::*;
            use kindred_db::schema::consent_events as ce;
            ce::table
                .filter(ce::user_id.eq(erased))
                .order(ce::seq.desc())
                .select(ce::kind)
                .first::<String>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    assert_eq!(latest, "withdrawn");

    // Researchers of other studies and patients: 404; admins see it.
    assert_eq!(app.get_as(&other, &format!("/studies/{id}/cohort")).await.status(), 404);
    assert_eq!(app.get_as(&members[1], &format!("/studies/{id}/cohort")).await.status(), 404);
    cohort(&app, &admin, &id).await;
    assert_eq!(
        app.get_as(&actors::anonymous(), &format!("/studies/{id}/cohort")).await.status(),
        401
    );
}

#[tokio::test]
async fn an_approved_study_invites_each_eligible_member_in_the_app_and_by_email_if_they_want() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let researcher = actors::researcher(&app, &admin).await;
    let wants = actors::patient(&app).await;
    let no_email = actors::patient(&app).await;
    let elsewhere = actors::patient(&app).await;
    join(&app, &wants).await;
    join(&app, &no_email).await;
    // Emails are opt-in: one member chose them; the other kept the default (off).
    let res =
        app.request_as(&wants, Method::PATCH, "/me", Some(&json!({"notify_email": true}))).await;
    assert!(res.status().is_success());
    let (id, _) = approved_study(&app, &researcher, &admin).await;

    let notes = |who: &Actor| {
        let (app, who) = (&app, who.clone());
        async move {
            let v: Value = app.get_as(&who, "/me/notifications").await.json().await.unwrap();
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["kind"] == "study_invitation")
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    for who in [&wants, &no_email] {
        let n = notes(who).await;
        assert_eq!(n.len(), 1, "{}", who.handle);
        assert_eq!(n[0]["link"], format!("/privacy/invitations/{id}"));
        assert!(n[0]["text"].as_str().unwrap().contains("Pollen and peak flow"));
    }
    assert!(notes(&elsewhere).await.is_empty(), "not eligible, not invited");
    let mail = app.mail.wait_for(&wants.email, "invites you").await;
    assert!(mail.text.contains(&format!("/privacy/invitations/{id}")));
    assert!(
        !mail.text.contains("Pollen") && !mail.text.to_lowercase().contains("asthma"),
        "the email names neither the study nor a condition"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        app.mail.to(&no_email.email).iter().all(|m| !m.subject.contains("invites you")),
        "no email when email is off"
    );
}
