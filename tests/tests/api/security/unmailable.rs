//! Finding 11 of issue 12: an address such as `İnfo@test.example` was accepted, lower-cased
//! into one the mail library refuses, and its messages were retried for ever. Now such
//! addresses are refused at the edge, and a message the mailer can never deliver is given up
//! after one attempt.

use std::time::Duration;

use crate::helpers::assert_problem;
use kindred_db::models::outbox::OutboxEmail;
use kindred_db::queries::outbox::{self, NewEmail};
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::{spawn_app, TestApp};
use serde_json::json;

#[tokio::test]
async fn an_address_that_lower_cases_into_an_unmailable_one_is_refused() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "İnfo@test.example", "password": PASSWORD, "handle": "info_i"}),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "email", "{body}");
    let res =
        app.post("/auth/password-reset/request", &json!({"email": "İnfo@test.example"})).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "email", "{body}");
    assert!(app.mail.all().is_empty());
}

fn row(app: &TestApp, id: &str) -> OutboxEmail {
    let id = id.to_string();
    app.pool.run(|c| outbox::find(c, &id)).unwrap().expect("outbox row")
}

#[tokio::test]
async fn a_message_the_mailer_can_never_deliver_is_given_up_after_one_attempt() {
    let app = spawn_app().await;
    // What lower-casing `İnfo@…` gives (a dotted i), stored before today's rules.
    let to = "i\u{307}nfo@test.example";
    let env = test_env(&app.db, app.data_dir.path());
    let secret = env.iter().find(|(k, _)| k == "KINDRED_SECRET").unwrap().1.clone().into_bytes();
    let text = kindred_app::mail::sealed::seal(&secret, "Hello").unwrap();
    let html = kindred_app::mail::sealed::seal(&secret, "<p>Hello</p>").unwrap();
    let id = app
        .pool
        .run(|c| {
            outbox::enqueue(
                c,
                &NewEmail {
                    user_id: None,
                    to,
                    subject: "x",
                    text: &text,
                    html: &html,
                    kind: "other",
                },
            )
        })
        .unwrap();

    let mut given_up = None;
    for _ in 0..100 {
        let r = row(&app, &id);
        if r.failed_at.is_some() {
            given_up = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = given_up.unwrap_or_else(|| panic!("never given up: {:?}", row(&app, &id)));
    assert_eq!(r.attempts, 1);
    assert!(r.sent_at.is_none());
    assert!(r.last_error.as_deref().unwrap_or_default().starts_with("permanent"), "{r:?}");
    assert_eq!((r.body_text.as_str(), r.body_html.as_str()), ("", ""), "bodies are cleared");

    // No retry, even with its retry time moved into the past and the sender polling again
    // (every 2 s).
    let rid = id.clone();
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::outbox::dsl;
            let past = kindred_db::now_utc().naive_utc() - chrono::TimeDelta::minutes(1);
            diesel::update(dsl::outbox.find(rid))
                .set(dsl::next_attempt_at.eq(past))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let r = row(&app, &id);
    assert_eq!(r.attempts, 1, "retried: {r:?}");
    assert!(app.mail.to(to).is_empty());
}
