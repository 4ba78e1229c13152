//! Threads and posts: locking, bans and their expiry, removal seen by members, moderators
//! and search, held first posts, the new-account limit, search on both backends, the
//! scraping guard, bad input, erasure and export.

use kindred_tests::{spawn_app, spawn_app_with};
use reqwest::Method;
use serde_json::{json, Value};

use super::{age, get_json, join, reply, thread, World, SLUG};
use crate::helpers::{assert_problem, retry_after};

#[tokio::test]
async fn a_locked_thread_refuses_new_posts() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "Locked soon", "First.").await;
    let id = t["thread"]["id"].as_str().unwrap();
    reply(&app, &w.member2, id, "Second.").await;
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/threads/{id}/lock"),
            Some(&json!({"reason": "Resolved."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let res = app
        .request_as(
            &w.member2,
            Method::POST,
            &format!("/threads/{id}/posts"),
            Some(&json!({"body": "Third?"})),
        )
        .await;
    assert_problem(res, 409, "locked").await;
    let page = get_json(&app, &w.member2, &format!("/threads/{id}")).await;
    assert_eq!(page["thread"]["locked"], true);
    // Unlocked, it takes posts again.
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/threads/{id}/unlock"),
            Some(&json!({"reason": "Reopened."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    reply(&app, &w.member2, id, "Third.").await;
}

#[tokio::test]
async fn a_banned_member_cannot_write_until_the_ban_ends() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member2, SLUG, "Open thread", "Hello.").await;
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    let past = chrono::Utc::now() - chrono::TimeDelta::hours(1);
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/bans"),
            Some(&json!({"handle": w.member.handle, "reason": "Late.", "expires_at": past.to_rfc3339()})),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "expires_at");
    let until = chrono::Utc::now() + chrono::TimeDelta::seconds(3);
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/bans"),
            Some(&json!({"handle": w.member.handle, "reason": "Repeated product promotion.", "expires_at": until.to_rfc3339()})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/threads/{id}/posts"),
            Some(&json!({"body": "Hi"})),
        )
        .await;
    let problem = assert_problem(res, 403, "banned").await;
    assert_eq!(problem["reason"], "Repeated product promotion.");
    assert!(problem["expires_at"].is_string(), "{problem}");
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/communities/{SLUG}/threads"),
            Some(&json!({"title": "x", "body": "y"})),
        )
        .await;
    assert_problem(res, 403, "banned").await;
    // Reading is still allowed; the ban ends by itself.
    assert_eq!(app.get_as(&w.member, &format!("/threads/{id}")).await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(3_200)).await;
    reply(&app, &w.member, &id, "Back again.").await;

    // A member who turned email notifications off is told in the app only.
    let res = app
        .request_as(&w.member, Method::PATCH, "/me", Some(&json!({"notify_email": false})))
        .await;
    assert_eq!(res.status(), 200);
    app.mail.wait_for(&w.member.email, "moderators").await; // the first ban's notice
    let emailed = app.mail.to(&w.member.email).len();

    // A ban for good, lifted early by a moderator.
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/bans"),
            Some(&json!({"handle": w.member.handle, "reason": "Harassment."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/threads/{id}/posts"),
            Some(&json!({"body": "Hi"})),
        )
        .await;
    let problem = assert_problem(res, 403, "banned").await;
    assert!(problem.get("expires_at").is_none() || problem["expires_at"].is_null(), "{problem}");
    let res = app
        .request_as(
            &w.moderator,
            Method::DELETE,
            &format!("/communities/{SLUG}/bans/{}", w.member.handle),
            Some(&json!({"reason": "Apologised."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    reply(&app, &w.member, &id, "Thank you.").await;
    let notes = get_json(&app, &w.member, "/me/notifications").await;
    assert!(notes["items"][0]["text"].as_str().unwrap().contains("Apologised."), "{notes}");
    // A notice to someone who keeps email on, queued after those: once it is delivered, the
    // outbox (sent in order) has nothing left for the member who opted out.
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/warnings"),
            Some(&json!({"handle": w.member2.handle, "reason": "Marker."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    app.mail.wait_for(&w.member2.email, "moderators").await;
    assert_eq!(app.mail.to(&w.member.email).len(), emailed, "no email after opting out");
}

#[tokio::test]
async fn removed_posts_are_hidden_from_members_and_their_search() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "Nebulisers", "Which nebuliser brand is quietest?").await;
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    let r = reply(&app, &w.member2, &id, "Buy MiracleCure nebulisers at a discount!").await;
    let spam_id = r["post"]["id"].as_str().unwrap().to_string();
    let hits = |v: &Value| v["items"].as_array().unwrap().len();
    let search = |a| {
        let app = &app;
        async move { get_json(app, a, &format!("/communities/{SLUG}/search?q=miraclecure")).await }
    };
    assert_eq!(hits(&search(&w.member).await), 1);
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/posts/{spam_id}/remove"),
            Some(&json!({"reason": "Advertising."})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    // Members: a placeholder, and search no longer finds it. Moderators: both.
    let page = get_json(&app, &w.member, &format!("/threads/{id}")).await;
    assert_eq!(page["posts"][1]["status"], "removed");
    assert!(page["posts"][1]["body"].is_null());
    assert_eq!(hits(&search(&w.member).await), 0);
    let page = get_json(&app, &w.moderator, &format!("/threads/{id}")).await;
    assert_eq!(page["posts"][1]["body"], "Buy MiracleCure nebulisers at a discount!");
    assert_eq!(hits(&search(&w.moderator).await), 1);
    // A removed thread disappears from members' lists and search.
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/threads/{id}/remove"),
            Some(&json!({"reason": "Off topic."})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let list = get_json(&app, &w.member2, &format!("/communities/{SLUG}/threads")).await;
    assert!(list["items"].as_array().unwrap().iter().all(|t| t["id"] != id.as_str()), "{list}");
    assert_eq!(app.get_as(&w.member2, &format!("/threads/{id}")).await.status(), 404);
    let found = get_json(&app, &w.member2, &format!("/communities/{SLUG}/search?q=quietest")).await;
    assert_eq!(hits(&found), 0);
    let list = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/threads")).await;
    assert!(list["items"].as_array().unwrap().iter().any(|t| t["id"] == id.as_str()));
}

#[tokio::test]
async fn first_posts_of_new_members_wait_for_approval_when_the_community_says_so() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let res = app
        .request_as(
            &w.admin,
            Method::PATCH,
            &format!("/communities/{SLUG}"),
            Some(&json!({"name": "Asthma", "visibility": "members", "approve_first_posts": true})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let t = thread(&app, &w.member, SLUG, "Hello all", "New here.").await;
    assert_eq!(t["held"], true);
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    let post_id = t["post"]["id"].as_str().unwrap().to_string();
    // Others do not see it; the author and moderators do.
    assert_eq!(app.get_as(&w.member2, &format!("/threads/{id}")).await.status(), 404);
    assert_eq!(app.get_as(&w.member, &format!("/threads/{id}")).await.status(), 200);
    let held = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/held")).await;
    assert_eq!(held["items"][0]["id"], post_id.as_str(), "{held}");
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/posts/{post_id}/approve"),
            Some(&json!({"reason": "Welcome!"})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let page = get_json(&app, &w.member2, &format!("/threads/{id}")).await;
    assert_eq!(page["posts"][0]["body"], "New here.");
    // The member's next post is not held.
    let r = reply(&app, &w.member, &id, "Thanks!").await;
    assert_eq!(r["held"], false);
}

#[tokio::test]
async fn new_accounts_post_five_times_an_hour() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "One", "1").await;
    let id = t["thread"]["id"].as_str().unwrap();
    for n in 2..=5 {
        reply(&app, &w.member, id, &format!("{n}")).await;
    }
    let res = app
        .request_as(
            &w.member,
            Method::POST,
            &format!("/threads/{id}/posts"),
            Some(&json!({"body": "6"})),
        )
        .await;
    assert_eq!(res.status(), 429);
    let wait = retry_after(&res);
    assert!((1..=3600).contains(&wait), "{wait}");
    // An account older than a day is not limited.
    age(&app, &w.member);
    reply(&app, &w.member, id, "6").await;
}

#[tokio::test]
async fn search_ranks_folds_accents_and_never_fails_on_odd_queries() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    age(&app, &w.member);
    thread(&app, &w.member, SLUG, "Café au lait and crème", "Does caffeine help breathing?").await;
    thread(&app, &w.member, SLUG, "Breathing exercises", "Buteyko breathing; also café visits.")
        .await;
    let q = |q: &str| format!("/communities/{SLUG}/search?q={}", urlencode(q));
    let found = get_json(&app, &w.member2, &q("cafe")).await;
    let items = found["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{found}");
    // The title match ranks first.
    assert_eq!(items[0]["thread"]["title"], "Café au lait and crème");
    let (a, b) = (
        items[0]["highlights"][0][0].as_u64().unwrap(),
        items[0]["highlights"][0][1].as_u64().unwrap(),
    );
    let snippet = items[0]["snippet"].as_str().unwrap();
    assert_eq!(snippet.chars().skip(a as usize).take((b - a) as usize).collect::<String>(), "Café");
    assert_eq!(get_json(&app, &w.member2, &q("CRÈME")).await["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        get_json(&app, &w.member2, &q("breathing")).await["items"].as_array().unwrap().len(),
        2
    );
    // Paging with a limit of 1 walks both hits.
    let first = get_json(&app, &w.member2, &format!("{}&limit=1", q("breathing"))).await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second =
        get_json(&app, &w.member2, &format!("{}&limit=1&cursor={cursor}", q("breathing"))).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_ne!(first["items"][0]["post"]["id"], second["items"][0]["post"]["id"]);
    assert!(second["next_cursor"].is_null());
    // Odd queries: 4xx or an empty list, never 5xx.
    for odd in ["?!...", "\"", "*", "AND OR NOT", "the and of", "café)(", "NEAR(a b)", "a:b", "'--"]
    {
        let res = app.get_as(&w.member2, &q(odd)).await;
        assert!(res.status() == 200 || res.status().is_client_error(), "{odd}: {}", res.status());
    }
    let res = app.get_as(&w.member2, &q(&"x".repeat(10_000))).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_problem(app.get_as(&w.member2, &q("")).await, 422, "validation_failed").await;
    assert_problem(
        app.get_as(&w.member2, &format!("{}&cursor=nope", q("cafe"))).await,
        422,
        "validation_failed",
    )
    .await;
    // Non-members of a members-only community: 404.
    assert_eq!(app.get_as(&w.outsider, &q("cafe")).await.status(), 404);
}

/// A search ranks the newest 200 matches (a window), then the next older 200: every match is
/// found once, a window holds the newest matches not yet shown, and inside a window the best
/// match comes first. (`forum_search::WINDOW` is 200.)
#[tokio::test]
async fn search_pages_through_windows_of_the_newest_matches() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    age(&app, &w.member);
    // 421 posts with the word: the first post and 420 replies. Post n says "walk" 1 to 3
    // times, in bodies of the same length.
    let body = |n: usize| {
        let k = 1 + n % 3;
        let mut words = vec!["walk"; k];
        words.extend(vec!["today"; 6 - k]);
        format!("Post {n}: {}.", words.join(" "))
    };
    let started = thread(&app, &w.member, SLUG, "Evening plans", &body(1)).await;
    let id = started["thread"]["id"].as_str().unwrap().to_string();
    for n in 2..=421 {
        reply(&app, &w.member, &id, &body(n)).await;
    }
    let mut hits: Vec<(u64, usize)> = Vec::new(); // (seq, times "walk" is said)
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/communities/{SLUG}/search?q=walk&limit=50");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = get_json(&app, &w.member2, &path).await;
        for item in page["items"].as_array().unwrap() {
            let seq = item["post"]["seq"].as_u64().unwrap();
            let said = item["snippet"].as_str().unwrap().matches("walk").count();
            hits.push((seq, said));
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
        assert!(hits.len() <= 421, "paging does not end");
    }
    let mut seqs: Vec<u64> = hits.iter().map(|h| h.0).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=421).collect::<Vec<u64>>(), "every match once");
    // Windows: the newest 200 (seq 222–421), the next 200 (22–221), the rest (1–21).
    for (window, range) in [(0..200, 222..=421), (200..400, 22..=221), (400..421, 1..=21)] {
        let part = &hits[window];
        assert!(part.iter().all(|h| range.contains(&h.0)), "window {range:?}: {part:?}");
        // Best first: the post that says "walk" more often ranks higher.
        assert!(part.windows(2).all(|p| p[0].1 >= p[1].1), "ranked: {part:?}");
        assert_eq!(part[0].1, 3, "{part:?}");
    }
}

#[tokio::test]
async fn my_own_posts_are_not_unread_but_what_i_missed_is() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    age(&app, &w.member);
    let t = thread(&app, &w.member, SLUG, "My morning routine", "Inhaler first, then tea.").await;
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    reply(&app, &w.member, &id, "And a short walk.").await;
    let list = format!("/communities/{SLUG}/threads");
    let unread = |page: &Value| {
        let items = page["items"].as_array().unwrap();
        items.iter().find(|x| x["id"] == id.as_str()).unwrap()["unread_count"].as_i64().unwrap()
    };
    assert_eq!(unread(&get_json(&app, &w.member, &list).await), 0);
    reply(&app, &w.member2, &id, "Tea helps me too.").await;
    assert_eq!(unread(&get_json(&app, &w.member, &list).await), 1);
    reply(&app, &w.member, &id, "Good to hear.").await;
    assert_eq!(unread(&get_json(&app, &w.member, &list).await), 2, "the reply I missed counts");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_input_is_a_4xx_problem_never_a_5xx() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "Fine", "Fine.").await;
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    let post = |path: String, body: Value| {
        let app = &app;
        let m = w.member.clone();
        async move { app.request_as(&m, Method::POST, &path, Some(&body)).await }
    };
    let threads = format!("/communities/{SLUG}/threads");
    assert_problem(
        post(threads.clone(), json!({"title": "", "body": "x"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post(threads.clone(), json!({"title": "x", "body": "  "})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post(threads.clone(), json!({"title": "x", "body": "y".repeat(100_000)})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post(threads.clone(), json!({"title": 5, "body": "x"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post(threads.clone(), json!({"title": "x", "body": "y", "extra": 1})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post("/communities/no-such-place/threads".into(), json!({"title": "x", "body": "y"})).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        post(format!("/threads/{id}/posts"), json!({"body": ["x"]})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        post("/threads/nope/posts".into(), json!({"body": "x"})).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        post(
            format!("/posts/{}/reports", t["post"]["id"].as_str().unwrap()),
            json!({"category": "rude"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get_as(&w.member, &format!("/communities/{SLUG}/threads?cursor=abc")).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get_as(&w.member, &format!("/threads/{id}?cursor=1.e30")).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get_as(&w.member, &format!("/communities/{SLUG}/threads?limit=0")).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(app.get_as(&w.member, "/communities/no-such-place").await, 404, "not_found")
        .await;
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/threads/{id}/lock"),
            Some(&json!({"reason": ""})),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn reading_faster_than_a_person_is_slowed_and_flagged() {
    let app = spawn_app_with(|s| s.read_limit_per_minute = 5).await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "Read me", "Text.").await;
    let path = format!("/threads/{}", t["thread"]["id"].as_str().unwrap());
    for _ in 0..5 {
        assert_eq!(app.get_as(&w.member2, &path).await.status(), 200);
    }
    let res = app.get_as(&w.member2, &path).await;
    assert_eq!(res.status(), 429);
    assert!(retry_after(&res) <= 60);
    let flags = get_json(&app, &w.admin, "/admin/flags").await;
    let items = flags["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{flags}");
    assert_eq!(items[0]["user_id"], w.member2.id.as_str());
    assert_eq!(items[0]["kind"], "scraping");
    // More reads in the same minute do not flag again; other members are not slowed.
    assert_eq!(app.get_as(&w.member2, &path).await.status(), 429);
    assert_eq!(
        get_json(&app, &w.admin, "/admin/flags").await["items"].as_array().unwrap().len(),
        1
    );
    assert_eq!(app.get_as(&w.member, &path).await.status(), 200);
    assert_eq!(app.get_as(&w.member2, "/admin/flags").await.status(), 403);
}

#[tokio::test]
async fn erasure_keeps_conversations_readable_and_export_has_community_data() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t =
        thread(&app, &w.member, SLUG, "Peak flow diaries", "Mine dips every May (pollen).").await;
    let id = t["thread"]["id"].as_str().unwrap().to_string();
    reply(&app, &w.member2, &id, "Mine too, birch pollen.").await;
    let r = reply(&app, &w.member, &id, "Thanks, pollen it is.").await;
    let res = app
        .request_as(
            &w.member2,
            Method::POST,
            &format!("/posts/{}/reports", r["post"]["id"].as_str().unwrap()),
            Some(&json!({"category": "other", "details": "test"})),
        )
        .await;
    assert_eq!(res.status(), 201);

    let export = get_json(&app, &w.member, "/me/export").await["data"].clone();
    assert_eq!(export["threads"].as_array().unwrap().len(), 1, "{export}");
    assert_eq!(export["posts"].as_array().unwrap().len(), 2);
    assert_eq!(export["community_memberships"][0]["community"], SLUG);
    let export2 = get_json(&app, &w.member2, "/me/export").await["data"].clone();
    assert_eq!(export2["reports_filed"].as_array().unwrap().len(), 1);
    let exportm = get_json(&app, &w.moderator, "/me/export").await["data"].clone();
    assert_eq!(exportm["moderator_of"][0]["community"], SLUG);

    let res = app
        .request_as(
            &w.member,
            Method::DELETE,
            "/me",
            Some(&json!({"password": kindred_tests::http::PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 204);
    // Others still read the conversation; the erased member's words are gone.
    let page = get_json(&app, &w.member2, &format!("/threads/{id}")).await;
    let posts = page["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[0]["author"]["kind"], "deleted");
    assert!(posts[0]["body"].is_null());
    assert_eq!(posts[1]["body"], "Mine too, birch pollen.");
    assert_eq!(page["thread"]["author"]["kind"], "deleted");
    let found = get_json(&app, &w.member2, &format!("/communities/{SLUG}/search?q=pollen")).await;
    let items = found["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the other member's post: {found}");
    // The report of the erased member's post keeps no copy of their words.
    let queue = get_json(&app, &w.moderator, &format!("/communities/{SLUG}/reports")).await;
    assert_eq!(queue["items"][0]["report"]["snapshot"], "", "{queue}");
}

/// Membership: join, leave, counts and "mine".
#[tokio::test]
async fn joining_and_leaving() {
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let list = get_json(&app, &w.member, "/communities").await;
    let asthma =
        list["items"].as_array().unwrap().iter().find(|c| c["slug"] == SLUG).unwrap().clone();
    assert_eq!(asthma["joined"], true);
    assert_eq!(asthma["member_count"], 3);
    assert!(list["items"].as_array().unwrap().iter().any(|c| c["slug"] == "caregivers"));
    let mine = get_json(&app, &w.moderator, "/me/communities").await;
    assert_eq!(mine["moderator_of"][0]["slug"], SLUG);
    let me = get_json(&app, &w.moderator, "/me").await;
    assert_eq!(me["moderator_of"], serde_json::json!([SLUG]), "{me}");
    assert_eq!(me["handle"], w.moderator.handle.as_str());
    assert_eq!(get_json(&app, &w.member, "/me").await["moderator_of"], serde_json::json!([]));
    let res = app
        .request_as(&w.member, Method::DELETE, &format!("/communities/{SLUG}/membership"), None)
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_as(&w.member, &format!("/communities/{SLUG}/threads")).await.status(), 404);
    let res = app
        .request_as(&w.member, Method::DELETE, &format!("/communities/{SLUG}/membership"), None)
        .await;
    assert_eq!(res.status(), 404);
    join(&app, &w.member, SLUG).await;
    join(&app, &w.member, SLUG).await;
    let card = get_json(&app, &w.member, &format!("/communities/{SLUG}")).await;
    assert_eq!(card["member_count"], 3);
    // Removing a moderator: an unknown handle or someone who does not moderate is 404.
    for handle in ["nobody_here_at_all", w.member.handle.as_str()] {
        let res = app
            .request_as(
                &w.admin,
                Method::DELETE,
                &format!("/communities/{SLUG}/moderators/{handle}"),
                None,
            )
            .await;
        assert_eq!(res.status(), 404, "{handle}");
    }
    let res = app
        .request_as(
            &w.admin,
            Method::DELETE,
            &format!("/communities/{SLUG}/moderators/{}", w.moderator.handle),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(get_json(&app, &w.moderator, "/me").await["moderator_of"], serde_json::json!([]));
}

/// SQLite only: reading a thread page, a thread list or a search takes no write lock, so
/// readers are not queued behind a writer (only moving the read position forward writes).
#[tokio::test]
async fn reading_needs_no_write_lock() {
    if kindred_tests::db::backend_is_postgres() {
        eprintln!("skipped on PostgreSQL: no SQLite write lock to hold");
        return;
    }
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let app = spawn_app().await;
    let w = World::new(&app).await;
    let t = thread(&app, &w.member, SLUG, "Quiet reading", "Nothing to write here.").await;
    let page = format!("/threads/{}", t["thread"]["id"].as_str().unwrap());
    get_json(&app, &w.member2, &page).await; // the read position moves once
    let path = app.db.url.strip_prefix("sqlite://").unwrap().to_string();
    let mut side = diesel::SqliteConnection::establish(&path).unwrap();
    side.batch_execute("BEGIN IMMEDIATE;").unwrap();
    let started = std::time::Instant::now();
    for p in [
        page.clone(),
        format!("/communities/{SLUG}/threads"),
        format!("/communities/{SLUG}/search?q=quiet"),
    ] {
        let res = app.get_as(&w.member2, &p).await;
        assert_eq!(res.status(), 200, "{p} while another connection holds the write lock");
    }
    // Well under the 10 s busy timeout a writer would have waited for.
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    side.batch_execute("ROLLBACK;").unwrap();
}
