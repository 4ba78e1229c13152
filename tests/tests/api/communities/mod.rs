//! Communities, threads, posts and moderation (issue 14), black-box on both backends.

mod anonymity;
mod content;
mod journey;
mod permissions;
mod privacy_check;
mod settings;

use kindred_tests::actors::{self, Actor};
use kindred_tests::TestApp;
use reqwest::Method;
use serde_json::{json, Value};

/// The community most tests use (seeded from the condition catalog, members-only).
pub const SLUG: &str = "asthma";
/// Another seeded members-only community.
pub const OTHER: &str = "migraine";

/// A small world: an admin, a moderator of [`SLUG`], a moderator of [`OTHER`] only, two
/// members of [`SLUG`] and a member of [`OTHER`] only.
pub struct World {
    pub admin: Actor,
    pub moderator: Actor,
    pub other_moderator: Actor,
    pub member: Actor,
    pub member2: Actor,
    pub outsider: Actor,
}

impl World {
    pub async fn new(app: &TestApp) -> World {
        let admin = actors::admin(app).await;
        let moderator = actors::patient(app).await;
        let other_moderator = actors::patient(app).await;
        let member = actors::patient(app).await;
        let member2 = actors::another_patient(app).await;
        let outsider = actors::another_patient(app).await;
        for (a, slug) in [(&moderator, SLUG), (&member, SLUG), (&member2, SLUG), (&outsider, OTHER)]
        {
            join(app, a, slug).await;
        }
        // New accounts get no notification emails until they opt in; the people of this world
        // did, so the tests can read what each would be told.
        for a in [&moderator, &other_moderator, &member, &member2, &outsider] {
            opt_in_to_emails(app, a).await;
        }
        appoint(app, &admin, SLUG, &moderator).await;
        appoint(app, &admin, OTHER, &other_moderator).await;
        World { admin, moderator, other_moderator, member, member2, outsider }
    }
}

pub async fn opt_in_to_emails(app: &TestApp, a: &Actor) {
    let res = app.request_as(a, Method::PATCH, "/me", Some(&json!({"notify_email": true}))).await;
    assert_eq!(res.status(), 200, "opt in: {}", res.text().await.unwrap_or_default());
}

pub async fn join(app: &TestApp, a: &Actor, slug: &str) {
    let res = app.request_as(a, Method::POST, &format!("/communities/{slug}/join"), None).await;
    assert_eq!(res.status(), 204, "join {slug}: {}", res.text().await.unwrap_or_default());
}

pub async fn appoint(app: &TestApp, admin: &Actor, slug: &str, who: &Actor) {
    let res = app
        .request_as(
            admin,
            Method::POST,
            &format!("/communities/{slug}/moderators"),
            Some(&json!({"handle": who.handle})),
        )
        .await;
    assert_eq!(res.status(), 204, "appoint: {}", res.text().await.unwrap_or_default());
}

/// Starts a thread as `a`; returns the whole answer (thread, post, held, …).
pub async fn thread(app: &TestApp, a: &Actor, slug: &str, title: &str, body: &str) -> Value {
    thread_with(app, a, slug, json!({"title": title, "body": body})).await
}

/// Starts a thread with a full request body; asserts 201.
pub async fn thread_with(app: &TestApp, a: &Actor, slug: &str, req: Value) -> Value {
    let res =
        app.request_as(a, Method::POST, &format!("/communities/{slug}/threads"), Some(&req)).await;
    assert_eq!(res.status(), 201, "new thread: {}", res.text().await.unwrap_or_default());
    res.json().await.unwrap()
}

/// Replies as `a`; asserts 201.
pub async fn reply(app: &TestApp, a: &Actor, thread_id: &str, body: &str) -> Value {
    let res = app
        .request_as(
            a,
            Method::POST,
            &format!("/threads/{thread_id}/posts"),
            Some(&json!({"body": body})),
        )
        .await;
    assert_eq!(res.status(), 201, "reply: {}", res.text().await.unwrap_or_default());
    res.json().await.unwrap()
}

/// Makes an account look older than a day, so the new-account posting limit does not apply.
pub fn age(app: &TestApp, a: &Actor) {
    use diesel::prelude::*;
    use kindred_db::schema::users;
    let id = a.id.clone();
    app.pool
        .run(move |c| {
            diesel::update(users::table.find(id))
                .set(
                    users::created_at
                        .eq(kindred_db::now_utc().naive_utc() - chrono::TimeDelta::days(3)),
                )
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
}

/// GETs a path as `a` and returns the JSON body, asserting 200.
pub async fn get_json(app: &TestApp, a: &Actor, path: &str) -> Value {
    let res = app.get_as(a, path).await;
    assert_eq!(res.status(), 200, "GET {path}: {}", res.text().await.unwrap_or_default());
    res.json().await.unwrap()
}

/// Sends a request as `a` that must succeed (a fixture); returns its JSON body (or null).
pub async fn act(app: &TestApp, a: &Actor, m: Method, path: &str, body: Value) -> Value {
    let res = app.request_as(a, m, path, Some(&body)).await;
    assert!(res.status().is_success(), "fixture {path}: {}", res.text().await.unwrap_or_default());
    res.json().await.unwrap_or(Value::Null)
}

/// Puts a post in the `held` state (awaiting a moderator, as a first post is where the
/// community approves first posts), straight in the database.
pub fn hold(app: &TestApp, post_id: &str) {
    use diesel::prelude::*;
    use kindred_db::schema::posts;
    let id = post_id.to_string();
    app.pool
        .run(move |c| {
            diesel::update(posts::table.find(id))
                .set(posts::status.eq("held"))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
}
