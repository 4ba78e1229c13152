//! Posting "as a member": no response a member or a non-member can get carries the author's
//! handle or id — thread lists, thread pages, post pages, search, notifications, the
//! moderation log — while the author, the community's moderators and admins see who wrote it.

use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::json;

use super::{appoint, get_json, join, thread, thread_with, World};

/// A public-read community: non-members read it too.
const PUBLIC: &str = "welcome";

#[tokio::test]
async fn anonymous_authors_never_reach_other_members() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    for a in [&w.member, &w.member2] {
        join(&app, a, PUBLIC).await;
    }
    appoint(&app, &w.admin, PUBLIC, &w.moderator).await;
    let t = thread_with(
        &app,
        &w.member,
        PUBLIC,
        json!({"title": "Embarrassing question", "body": "Does anyone else wheeze when laughing?", "anonymous": true}),
    )
    .await;
    let anon_thread = t["thread"]["id"].as_str().unwrap().to_string();
    let anon_post = t["post"]["id"].as_str().unwrap().to_string();
    // The author sees their own authorship and the flag.
    assert_eq!(t["post"]["author"]["handle"], w.member.handle.as_str());
    assert_eq!(t["post"]["anonymous"], true);
    // An anonymous reply in someone else's thread notifies that someone.
    let other = thread(&app, &w.member2, PUBLIC, "Laughing and asthma", "It happens to me.").await;
    let other_thread = other["thread"]["id"].as_str().unwrap().to_string();
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/threads/{other_thread}/posts"),
            Some(&json!({"body": "Same here, every time.", "anonymous": true})),
        )
        .await;
    assert_eq!(res.status(), 201);
    // A moderator removes the anonymous post, so it is in the log.
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/posts/{anon_post}/remove"),
            Some(&json!({"reason": "Testing the log."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/posts/{anon_post}/restore"),
            Some(&json!({"reason": "Restored."})),
        )
        .await;
    assert_eq!(res.status(), 200);

    let paths = [
        format!("/communities/{PUBLIC}/threads"),
        format!("/threads/{anon_thread}"),
        format!("/threads/{anon_thread}/posts"),
        format!("/threads/{other_thread}"),
        format!("/communities/{PUBLIC}/search?q=wheeze"),
        format!("/communities/{PUBLIC}/search?q=same"),
        format!("/communities/{PUBLIC}/modlog"),
        "/me/notifications".to_string(),
    ];
    for viewer in [&w.member2, &w.outsider] {
        for path in &paths {
            let res = app.get_as(viewer, path).await;
            assert_eq!(res.status(), 200, "{path}");
            let text = res.text().await.unwrap();
            assert!(
                !text.contains(&w.member.handle),
                "{path} leaks the handle to {}: {text}",
                viewer.handle
            );
            assert!(!text.contains(&w.member.id), "{path} leaks the id: {text}");
        }
    }
    // The other member sees "a member", and was notified of the reply without a name.
    let page = get_json(&app, &w.member2, &format!("/threads/{anon_thread}")).await;
    assert_eq!(page["thread"]["author"]["kind"], "anonymous");
    assert_eq!(page["posts"][0]["author"]["kind"], "anonymous");
    let notes = get_json(&app, &w.member2, "/me/notifications").await;
    assert_eq!(notes["items"][0]["kind"], "reply", "{notes}");
    let hits = get_json(&app, &w.outsider, &format!("/communities/{PUBLIC}/search?q=wheeze")).await;
    assert_eq!(hits["items"].as_array().unwrap().len(), 1, "the search found it: {hits}");

    // The moderator and the admin see who wrote it.
    for viewer in [&w.moderator, &w.admin] {
        let page = get_json(&app, viewer, &format!("/threads/{anon_thread}")).await;
        assert_eq!(page["posts"][0]["author"]["handle"], w.member.handle.as_str(), "{page}");
        assert_eq!(page["posts"][0]["anonymous"], true);
        assert_eq!(page["thread"]["author"]["handle"], w.member.handle.as_str());
    }
}
