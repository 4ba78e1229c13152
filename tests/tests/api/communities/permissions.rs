//! One table: every endpoint of the communities area × every kind of caller, with the
//! status each must get. Members-only content is 404 to those who may not read it; another
//! community's moderator cannot act here; writes need a confirmed address, membership and
//! no ban. Each row that changes something acts on a fresh target per caller, so the order
//! of callers does not change the answers.

use kindred_tests::actors::{self, Actor};
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

use super::{act, age, get_json, hold, join, thread, World, SLUG};

/// What a row acts on; made fresh for every caller.
#[derive(Clone, Copy, PartialEq)]
enum Fresh {
    Nothing,
    Thread,
    LockedThread,
    PinnedThread,
    RemovedThread,
    Post,
    RemovedPost,
    HeldPost,
    Report,
    Appeal,
    Ban,
    Notification,
}

/// Callers, in the order of the `expect` arrays.
const WHO: [&str; 8] = [
    "anonymous",
    "unverified",
    "member",
    "member of another community",
    "banned member",
    "moderator here",
    "moderator elsewhere",
    "admin",
];

struct Row {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    fresh: Fresh,
    expect: [u16; 8],
}

fn row(
    method: Method,
    path: &'static str,
    body: Option<Value>,
    fresh: Fresh,
    expect: [u16; 8],
) -> Row {
    Row { method, path, body, fresh, expect }
}

const READ: [u16; 8] = [401, 200, 200, 404, 200, 200, 404, 200];
const SIGNED_IN: [u16; 8] = [401, 200, 200, 200, 200, 200, 200, 200];
const ADMIN_ONLY: [u16; 8] = [401, 403, 403, 403, 403, 403, 403, 200];
const MODERATE: [u16; 8] = [401, 403, 403, 404, 403, 200, 404, 200];
const POST: [u16; 8] = [401, 403, 201, 404, 403, 201, 404, 201];
const NOT_AUTHOR: [u16; 8] = [401, 403, 403, 404, 403, 403, 404, 403];

struct Ctx {
    w: World,
    unverified: Actor,
    banned: Actor,
    /// Writes the fresh targets (an aged member, so the new-account limit never bites).
    author: Actor,
    /// Someone to warn, ban or appoint.
    target: Actor,
}

async fn setup(app: &TestApp) -> Ctx {
    let w = World::new(app).await;
    let unverified = actors::unverified(app).await;
    let banned = actors::patient(app).await;
    let target = actors::patient(app).await;
    join(app, &unverified, SLUG).await;
    join(app, &banned, SLUG).await;
    join(app, &target, SLUG).await;
    let res = app
        .request_as(
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/bans"),
            Some(&json!({"handle": banned.handle, "reason": "For the table."})),
        )
        .await;
    assert_eq!(res.status(), 201);
    for a in [&w.member, &w.member2, &w.moderator, &w.other_moderator, &w.admin, &banned] {
        age(app, a);
    }
    // Everyone is a member of `caregivers` (the "leave" row leaves it).
    for a in
        [&unverified, &w.member, &w.outsider, &banned, &w.moderator, &w.other_moderator, &w.admin]
    {
        join(app, a, "caregivers").await;
    }
    let author = w.member2.clone();
    Ctx { w, unverified, banned, author, target }
}

fn caller<'a>(ctx: &'a Ctx, anonymous: &'a Actor, i: usize) -> &'a Actor {
    match i {
        0 => anonymous,
        1 => &ctx.unverified,
        2 => &ctx.w.member,
        3 => &ctx.w.outsider,
        4 => &ctx.banned,
        5 => &ctx.w.moderator,
        6 => &ctx.w.other_moderator,
        _ => &ctx.w.admin,
    }
}

/// Makes the row's target; returns the placeholders' values.
async fn fresh(app: &TestApp, ctx: &Ctx, f: Fresh) -> Vec<(&'static str, String)> {
    let w = &ctx.w;
    let mut out = vec![("{target}", ctx.target.handle.clone()), ("{unique}", uuid())];
    if f == Fresh::Nothing {
        return out;
    }
    if f == Fresh::Notification {
        let t = thread(app, &ctx.author, SLUG, "Notify me", "Reply here.").await;
        let id = t["thread"]["id"].as_str().unwrap().to_string();
        act(
            app,
            &w.moderator,
            Method::POST,
            &format!("/threads/{id}/posts"),
            json!({"body": "A reply."}),
        )
        .await;
        let notes = get_json(app, &ctx.author, "/me/notifications").await;
        out.push(("{notification}", notes["items"][0]["id"].as_str().unwrap().to_string()));
        return out;
    }
    if f == Fresh::Ban {
        act(
            app,
            &w.moderator,
            Method::POST,
            &format!("/communities/{SLUG}/bans"),
            json!({"handle": ctx.target.handle, "reason": "Fixture."}),
        )
        .await;
        return out;
    }
    let t = thread(app, &ctx.author, SLUG, "Fixture thread", "Fixture body.").await;
    let thread_id = t["thread"]["id"].as_str().unwrap().to_string();
    let post_id = t["post"]["id"].as_str().unwrap().to_string();
    let reason = json!({"reason": "Fixture."});
    match f {
        Fresh::LockedThread => {
            act(app, &w.moderator, Method::POST, &format!("/threads/{thread_id}/lock"), reason)
                .await;
        }
        Fresh::PinnedThread => {
            act(app, &w.moderator, Method::POST, &format!("/threads/{thread_id}/pin"), reason)
                .await;
        }
        Fresh::RemovedThread => {
            act(app, &w.moderator, Method::POST, &format!("/threads/{thread_id}/remove"), reason)
                .await;
        }
        Fresh::RemovedPost => {
            act(app, &w.moderator, Method::POST, &format!("/posts/{post_id}/remove"), reason).await;
        }
        Fresh::HeldPost => hold(app, &post_id),
        Fresh::Report => {
            let r = act(
                app,
                &w.member,
                Method::POST,
                &format!("/posts/{post_id}/reports"),
                json!({"category": "spam"}),
            )
            .await;
            out.push(("{report}", r["id"].as_str().unwrap().to_string()));
        }
        Fresh::Appeal => {
            // An admin acts, so the community's moderator may resolve the appeal.
            let a =
                act(app, &w.admin, Method::POST, &format!("/posts/{post_id}/remove"), reason).await;
            let appeal = act(
                app,
                &ctx.author,
                Method::POST,
                "/appeals",
                json!({"mod_action_id": a["id"], "statement": "Please look again."}),
            )
            .await;
            out.push(("{appeal}", appeal["id"].as_str().unwrap().to_string()));
            out.push(("{action}", a["id"].as_str().unwrap().to_string()));
        }
        _ => {}
    }
    out.push(("{thread}", thread_id));
    out.push(("{post}", post_id));
    out
}

fn uuid() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..8].to_string()
}

fn fill(s: &str, vals: &[(&'static str, String)]) -> String {
    vals.iter().fold(s.replace("{slug}", SLUG), |acc, (k, v)| acc.replace(k, v))
}

#[tokio::test]
async fn every_endpoint_answers_every_caller_as_the_table_says() {
    let app = spawn_app().await;
    let ctx = setup(&app).await;
    let anonymous = actors::anonymous();
    let reason = || Some(json!({"reason": "Table."}));
    let g = Method::GET;
    let p = Method::POST;
    let rows = vec![
        row(g.clone(), "/communities", None, Fresh::Nothing, SIGNED_IN),
        row(g.clone(), "/communities/{slug}", None, Fresh::Nothing, SIGNED_IN),
        row(g.clone(), "/me/communities", None, Fresh::Nothing, SIGNED_IN),
        row(
            p.clone(),
            "/communities",
            Some(json!({"slug": "c-{unique}", "name": "New place"})),
            Fresh::Nothing,
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        row(
            Method::PATCH,
            "/communities/{slug}",
            Some(json!({"name": "Asthma", "visibility": "members", "approve_first_posts": false})),
            Fresh::Nothing,
            ADMIN_ONLY,
        ),
        row(
            p.clone(),
            "/communities/newly-diagnosed/join",
            None,
            Fresh::Nothing,
            [401, 204, 204, 204, 204, 204, 204, 204],
        ),
        row(
            Method::DELETE,
            "/communities/caregivers/membership",
            None,
            Fresh::Nothing,
            [401, 204, 204, 204, 204, 204, 204, 204],
        ),
        row(g.clone(), "/communities/{slug}/threads", None, Fresh::Nothing, READ),
        row(
            p.clone(),
            "/communities/{slug}/threads",
            Some(json!({"title": "Hi", "body": "Hello."})),
            Fresh::Nothing,
            POST,
        ),
        row(g.clone(), "/communities/{slug}/search?q=fixture", None, Fresh::Nothing, READ),
        row(g.clone(), "/communities/{slug}/modlog", None, Fresh::Nothing, READ),
        row(g.clone(), "/communities/{slug}/moderators", None, Fresh::Nothing, READ),
        row(
            p.clone(),
            "/communities/{slug}/moderators",
            Some(json!({"handle": "{target}"})),
            Fresh::Nothing,
            [401, 403, 403, 403, 403, 403, 403, 204],
        ),
        row(
            Method::DELETE,
            "/communities/{slug}/moderators/{target}",
            None,
            Fresh::Nothing,
            [401, 403, 403, 403, 403, 403, 403, 204],
        ),
        row(g.clone(), "/communities/{slug}/reports", None, Fresh::Nothing, MODERATE),
        row(g.clone(), "/communities/{slug}/held", None, Fresh::Nothing, MODERATE),
        row(
            p.clone(),
            "/communities/{slug}/warnings",
            Some(json!({"handle": "{target}", "reason": "Table."})),
            Fresh::Nothing,
            [401, 403, 403, 404, 403, 201, 404, 201],
        ),
        row(
            p.clone(),
            "/communities/{slug}/bans",
            Some(json!({"handle": "{target}", "reason": "Table."})),
            Fresh::Nothing,
            [401, 403, 403, 404, 403, 201, 404, 201],
        ),
        row(Method::DELETE, "/communities/{slug}/bans/{target}", reason(), Fresh::Ban, MODERATE),
        row(g.clone(), "/threads/{thread}", None, Fresh::Thread, READ),
        row(g.clone(), "/threads/{thread}/posts", None, Fresh::Thread, READ),
        row(
            p.clone(),
            "/threads/{thread}/posts",
            Some(json!({"body": "Reply."})),
            Fresh::Thread,
            POST,
        ),
        row(p.clone(), "/threads/{thread}/lock", reason(), Fresh::Thread, MODERATE),
        row(p.clone(), "/threads/{thread}/unlock", reason(), Fresh::LockedThread, MODERATE),
        row(p.clone(), "/threads/{thread}/pin", reason(), Fresh::Thread, MODERATE),
        row(p.clone(), "/threads/{thread}/unpin", reason(), Fresh::PinnedThread, MODERATE),
        row(p.clone(), "/threads/{thread}/remove", reason(), Fresh::Thread, MODERATE),
        row(p.clone(), "/threads/{thread}/restore", reason(), Fresh::RemovedThread, MODERATE),
        row(
            p.clone(),
            "/threads/{thread}/reports",
            Some(json!({"category": "other", "details": "x"})),
            Fresh::Thread,
            POST,
        ),
        row(
            Method::PATCH,
            "/posts/{post}",
            Some(json!({"body": "Edited."})),
            Fresh::Post,
            NOT_AUTHOR,
        ),
        row(Method::DELETE, "/posts/{post}", None, Fresh::Post, NOT_AUTHOR),
        row(
            p.clone(),
            "/posts/{post}/reports",
            Some(json!({"category": "spam"})),
            Fresh::Post,
            POST,
        ),
        row(p.clone(), "/posts/{post}/remove", reason(), Fresh::Post, MODERATE),
        row(p.clone(), "/posts/{post}/restore", reason(), Fresh::RemovedPost, MODERATE),
        row(p.clone(), "/posts/{post}/approve", reason(), Fresh::HeldPost, MODERATE),
        row(p.clone(), "/posts/{post}/reject", reason(), Fresh::HeldPost, MODERATE),
        row(
            p.clone(),
            "/reports/{report}/resolve",
            Some(json!({"action": "dismiss", "reason": "Table."})),
            Fresh::Report,
            MODERATE,
        ),
        row(
            p.clone(),
            "/appeals",
            Some(json!({"mod_action_id": "{action}", "statement": "Not mine."})),
            Fresh::Appeal,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        row(g.clone(), "/appeals", None, Fresh::Nothing, [401, 403, 403, 403, 403, 200, 200, 200]),
        row(
            p.clone(),
            "/appeals/{appeal}/resolve",
            Some(json!({"outcome": "uphold", "reason": "Table."})),
            Fresh::Appeal,
            [401, 404, 404, 404, 404, 200, 404, 403],
        ),
        row(g.clone(), "/me/notifications", None, Fresh::Nothing, SIGNED_IN),
        row(p.clone(), "/me/notifications/read-all", None, Fresh::Nothing, SIGNED_IN),
        row(
            p.clone(),
            "/me/notifications/{notification}/read",
            None,
            Fresh::Notification,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        row(g.clone(), "/admin/flags", None, Fresh::Nothing, ADMIN_ONLY),
    ];
    let mut failures = Vec::new();
    for r in &rows {
        for (i, who) in WHO.iter().enumerate() {
            let vals = fresh(&app, &ctx, r.fresh).await;
            let path = fill(r.path, &vals);
            let body = r
                .body
                .as_ref()
                .map(|b| serde_json::from_str::<Value>(&fill(&b.to_string(), &vals)).unwrap());
            let a = caller(&ctx, &anonymous, i);
            let res = app.request_as(a, r.method.clone(), &path, body.as_ref()).await;
            let got = res.status().as_u16();
            if got != r.expect[i] {
                let text = res.text().await.unwrap_or_default();
                failures.push(format!(
                    "{} {} as {who}: expected {}, got {got}: {text}",
                    r.method, r.path, r.expect[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    // The table covers every operation of the area in the OpenAPI document.
    let doc: Value =
        app.client.get(app.api("/openapi.json")).send().await.unwrap().json().await.unwrap();
    let mut missing = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let p = path.trim_start_matches("/api/v1");
        let ours = [
            "/communities",
            "/threads",
            "/posts",
            "/reports",
            "/appeals",
            "/me/notifications",
            "/me/communities",
            "/admin/flags",
        ];
        if !ours.iter().any(|o| p.starts_with(o)) {
            continue;
        }
        for m in ops.as_object().unwrap().keys() {
            let covered = rows
                .iter()
                .any(|r| r.method.as_str().eq_ignore_ascii_case(m) && same_shape(r.path, p));
            if !covered {
                missing.push(format!("{m} {p}"));
            }
        }
    }
    assert!(missing.is_empty(), "operations with no row in the table: {missing:?}");
}

/// Whether a row's path template and a documented path name the same route.
fn same_shape(row: &str, doc: &str) -> bool {
    let row = row.split('?').next().unwrap_or(row);
    let a: Vec<&str> = row.split('/').collect();
    let b: Vec<&str> = doc.split('/').collect();
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            x == y
                || (y.starts_with('{')
                    && (x.starts_with('{')
                        || *x == SLUG
                        || *x == "caregivers"
                        || *x == "newly-diagnosed"))
        })
}
