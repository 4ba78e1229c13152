//! The moderation journey end to end: a member posts, another reports (the snapshot is kept),
//! the moderator sees the report in the queue and removes the post with a reason, the author
//! is notified with that reason and appeals, an admin restores, and the moderation log shows
//! every step — the moderator's identity only to the admin.

use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

use super::{get_json, thread, World, SLUG};

#[tokio::test]
async fn report_remove_notify_appeal_restore_and_the_log() {
    let app = spawn_app().await;
    let w = World::new(&app).await;

    // A member posts; another reports it.
    let t = thread(&app, &w.member, SLUG, "Inhaler tips", "Rinse after every dose.").await;
    let post_id = t["post"]["id"].as_str().unwrap().to_string();
    let thread_id = t["thread"]["id"].as_str().unwrap().to_string();
    let res = app
        .request_as(
            &w.member2,
            Method::POST,
            &format!("/posts/{post_id}/reports"),
            Some(&json!({"category": "misinformation", "details": "Not what my nurse said."})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());

    // The author edits afterwards: the report keeps the text as it was.
    let res = app
        .request_as(
            &w.member,
            Method::PATCH,
            &format!("/posts/{post_id}"),
            Some(&json!({"body": "Rinse your mouth after every dose."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());

    // The moderator sees it in the queue with the snapshot.
    let queue = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/reports")).await;
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{queue}");
    let report = &items[0]["report"];
    assert_eq!(report["category"], "misinformation");
    assert_eq!(report["snapshot"], "Inhaler tips\n\nRinse after every dose.");
    assert_eq!(report["post_id"], post_id.as_str());
    let report_id = report["id"].as_str().unwrap().to_string();

    // Members cannot see the queue.
    assert_eq!(app.get_as(&w.member2, &format!("/communities/{SLUG}/reports")).await.status(), 403);

    // The moderator removes the post through the report, with a reason.
    let reason = "Medical advice that contradicts the product label; ask your nurse.";
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/reports/{report_id}/resolve"),
            Some(&json!({"action": "remove", "reason": reason})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let removal: Value = res.json().await.unwrap();
    assert_eq!(removal["action"], "post_removed");
    let twice = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/reports/{report_id}/resolve"),
            Some(&json!({"action": "dismiss", "reason": reason})),
        )
        .await;
    crate::helpers::assert_problem(twice, 409, "already_resolved").await;
    let removal_id = removal["id"].as_str().unwrap().to_string();

    // The report is closed; the post shows a placeholder to members, its text to moderators.
    let open = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/reports")).await;
    assert_eq!(open["items"].as_array().unwrap().len(), 0, "{open}");
    let page = get_json(&app, &w.member2, &format!("/threads/{thread_id}")).await;
    let p = &page["posts"][0];
    assert_eq!(p["status"], "removed");
    assert!(p["body"].is_null(), "{p}");
    let page = get_json(&app, &w.moderator, &format!("/threads/{thread_id}")).await;
    assert_eq!(page["posts"][0]["body"], "Rinse your mouth after every dose.");

    // The author is told, with the reason.
    let notes = get_json(&app, &w.member, "/me/notifications").await;
    assert_eq!(notes["unread_count"], 1, "{notes}");
    let text = notes["items"][0]["text"].as_str().unwrap();
    assert!(text.contains(reason), "{text}");
    // … and by email, since they keep email notifications on (the default).
    let mail = app.mail.wait_for(&w.member.email, "moderators").await;
    assert!(mail.text.contains(reason), "{}", mail.text);

    // The author appeals, once.
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            "/appeals",
            Some(&json!({"mod_action_id": removal_id, "statement": "My nurse told me exactly this."})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let appeal: Value = res.json().await.unwrap();
    let appeal_id = appeal["id"].as_str().unwrap().to_string();
    let again = app
        .request_as(
            &w.member,
            Method::POST,
            "/appeals",
            Some(&json!({"mod_action_id": removal_id, "statement": "Again."})),
        )
        .await;
    assert_eq!(again.status(), 409);
    // Nobody else can appeal it (404), and the moderator who acted cannot resolve it.
    let other = app
        .request_as(
            &w.member2,
            Method::POST,
            "/appeals",
            Some(&json!({"mod_action_id": removal_id, "statement": "Me too."})),
        )
        .await;
    assert_eq!(other.status(), 404);
    let own = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/appeals/{appeal_id}/resolve"),
            Some(&json!({"outcome": "reverse", "reason": "I was wrong."})),
        )
        .await;
    assert_eq!(own.status(), 403);

    // The acting moderator's queue leaves their own action out; an admin sees it and restores.
    let queue = get_json(&app, &w.moderator, "/appeals").await;
    assert!(queue["items"].as_array().unwrap().is_empty(), "{queue}");
    let queue = get_json(&app, &w.admin, "/appeals").await;
    assert!(queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["appeal"]["id"] == appeal_id.as_str()));
    let res = app
        .request_as(
            &w.admin,
            Method::POST,
            &format!("/appeals/{appeal_id}/resolve"),
            Some(&json!({"outcome": "reverse", "reason": "The advice matches the label."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let page = get_json(&app, &w.member2, &format!("/threads/{thread_id}")).await;
    assert_eq!(page["posts"][0]["status"], "published");
    assert_eq!(page["posts"][0]["body"], "Rinse your mouth after every dose.");
    let notes = get_json(&app, &w.member, "/me/notifications").await;
    assert_eq!(notes["unread_count"], 2, "{notes}");
    assert!(notes["items"][0]["text"].as_str().unwrap().contains("The advice matches the label."));
    // The outcome of an appeal is not itself appealable.
    let log = get_json(&app, &w.admin, &format!("/communities/{SLUG}/modlog")).await;
    let outcome = log["items"][0]["id"].as_str().unwrap();
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            "/appeals",
            Some(&json!({"mod_action_id": outcome, "statement": "And again."})),
        )
        .await;
    crate::helpers::assert_problem(res, 409, "not_appealable").await;

    // The log shows each step; the moderator's identity only to the admin.
    let log = get_json(&app, &w.member2, &format!("/communities/{SLUG}/modlog")).await;
    let actions: Vec<&str> =
        log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["appeal_reversed", "post_removed"], "{log}");
    for e in log["items"].as_array().unwrap() {
        assert!(e.get("moderator").is_none(), "a member sees no moderator: {e}");
        assert!(!e["reason"].as_str().unwrap().is_empty());
    }
    let log = get_json(&app, &w.admin, &format!("/communities/{SLUG}/modlog")).await;
    assert_eq!(log["items"][1]["moderator"], w.moderator.handle.as_str(), "{log}");
    assert_eq!(log["items"][0]["moderator"], w.admin.handle.as_str(), "{log}");
    let moderator_view = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/modlog")).await;
    assert!(moderator_view["items"][1].get("moderator").is_none());

    // Every step is in the audit log too.
    let audit = get_json(&app, &w.admin, "/admin/audit?limit=200").await;
    let audited: Vec<&str> =
        audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in [
        "community.report_filed",
        "community.moderated",
        "community.appeal_filed",
        "community.appeal_resolved",
        "admin.moderator_appointed",
    ] {
        assert!(audited.contains(&a), "{a} missing from {audited:?}");
    }
}
