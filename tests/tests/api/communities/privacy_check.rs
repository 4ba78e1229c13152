//! The privacy check before publishing (each finding kind refused without confirmation and
//! accepted with it; false-positive vectors pass) and crisis language (a self-harm report
//! at the top of the queue, crisis resources for the author).

use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

use super::{age, get_json, thread, thread_with, World, SLUG};
use crate::helpers::assert_problem;

#[tokio::test]
async fn each_finding_kind_is_refused_until_confirmed() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    age(&app, &w.member);
    let cases = [
        ("email", "Write to me at ann.lee@example.org please."),
        ("phone", "Call me on +44 20 7946 0958 any evening."),
        ("street_address", "Our group meets at 221B Baker Street on Mondays."),
        ("date_of_birth", "I was born on 12/03/1985 and diagnosed at 30."),
        ("national_id", "My SSN is 123-45-6789, is that needed for the trial?"),
        ("social_profile", "Follow me: instagram.com/ann_lee_asthma"),
    ];
    for (kind, body) in cases {
        let res = app
            .request_as(
                &w.member,
                Method::POST,
                &format!("/communities/{SLUG}/threads"),
                Some(&json!({"title": "Hello", "body": body})),
            )
            .await;
        let problem = assert_problem(res, 422, "privacy_check").await;
        let findings = problem["findings"].as_array().unwrap();
        let f = findings
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind}: {problem}"));
        assert_eq!(f["field"], "body");
        let (start, end) =
            (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        let found: String = body.chars().skip(start).take(end - start).collect();
        assert_eq!(found, f["text"].as_str().unwrap(), "{kind}");
        // Confirmed, it publishes.
        let ok = thread_with(
            &app,
            &w.member,
            SLUG,
            json!({"title": "Hello", "body": body, "confirm_privacy_findings": true}),
        )
        .await;
        assert_eq!(ok["post"]["body"], body);
    }
    // Findings in the title are reported on the title.
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/communities/{SLUG}/threads"),
            Some(&json!({"title": "Mail ann.lee@example.org", "body": "Thanks"})),
        )
        .await;
    let problem = assert_problem(res, 422, "privacy_check").await;
    assert_eq!(problem["findings"][0]["field"], "title");
    // Edits are checked too.
    let t = thread(&app, &w.member, SLUG, "Peak flow", "Mine is 400 in the morning.").await;
    let post_id = t["post"]["id"].as_str().unwrap();
    let res = app
        .request_as(
            &w.member,
            Method::PATCH,
            &format!("/posts/{post_id}"),
            Some(&json!({"body": "Text me: 555-123-4567"})),
        )
        .await;
    assert_problem(res, 422, "privacy_check").await;
}

#[tokio::test]
async fn ordinary_health_talk_passes_the_privacy_check() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    age(&app, &w.member);
    for body in [
        "BP was 120/80 this morning, pulse 72.",
        "I take 2x 500 mg metformin with meals.",
        "HbA1c 6.5% in March 2019, 5.6 mmol/L fasting.",
        "Scored 14 on the PHQ-9; appointment on 12/03/2026 at 10:30.",
        "Walked 3 km in 35 minutes, 2 tablets of paracetamol after.",
    ] {
        let t = thread(&app, &w.member, SLUG, "Numbers", body).await;
        assert_eq!(t["post"]["body"], body);
    }
}

#[tokio::test]
async fn crisis_language_files_a_top_priority_report_and_answers_with_resources() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    // An ordinary report first, so the crisis one must jump the queue.
    let t = thread(&app, &w.member2, SLUG, "Spacers", "Which spacer do you use?").await;
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/posts/{}/reports", t["post"]["id"].as_str().unwrap()),
            Some(&json!({"category": "spam", "details": "looks like an ad"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let plain = thread(&app, &w.member, SLUG, "Bad week", "Tired of the coughing.").await;
    assert!(plain.get("crisis_resources").is_none(), "{plain}");

    let t = thread(&app, &w.member, SLUG, "Tonight", "I just want to end my life, nothing helps.")
        .await;
    let resources = t["crisis_resources"].as_str().unwrap_or_default();
    assert!(!resources.is_empty(), "{t}");
    let queue = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/reports")).await;
    let first: &Value = &queue["items"][0]["report"];
    assert_eq!(first["category"], "self_harm", "{queue}");
    assert_eq!(first["automatic"], true);
    assert_eq!(first["post_id"], t["post"]["id"]);
    assert_eq!(queue["items"][1]["report"]["category"], "spam");
}
