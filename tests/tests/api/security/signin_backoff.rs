//! Finding 3 of issue 12: 100 failed sign-ins locked an account for an hour, so anybody could
//! lock anybody out, and only existing accounts were locked (which told them apart). Now
//! failures slow further attempts down exponentially with caps (per account and IP: long;
//! per account: short), counted by a hash of the address whether or not an account has it,
//! and the owner is emailed once when the backoff starts.

use std::time::Duration;

use super::{let_the_sender_run, outbox_count, outbox_total, post_via};
use crate::helpers::retry_after;
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app_with, TestApp};
use serde_json::{json, Value};

fn behind_one_proxy(s: &mut kindred::Settings) {
    s.trust_forwarded = true;
    s.trusted_proxies = 1;
    s.auth_rate_limit_per_minute = 10_000;
}

/// (status, problem code, whether `Retry-After` was sent) of one answer.
async fn outcome(res: reqwest::Response) -> (u16, String, bool) {
    let status = res.status().as_u16();
    let has_retry = res.headers().contains_key("retry-after");
    let body: Value = res.json().await.unwrap();
    (status, body["code"].as_str().unwrap_or_default().to_string(), has_retry)
}

/// Wrong-password sign-ins for `email`, each from another address (so only the per-account
/// part of the backoff can hold them): `ips` is the range of the last octet.
async fn guesses(
    app: &TestApp,
    email: &str,
    ips: std::ops::RangeInclusive<u32>,
) -> Vec<(u16, String, bool)> {
    let mut out = Vec::new();
    for i in ips {
        let res = post_via(
            app,
            "/auth/login",
            &format!("198.51.100.{i}"),
            &json!({"email": email, "password": format!("wrong-guess-{i}")}),
        )
        .await;
        out.push(outcome(res).await);
    }
    out
}

#[tokio::test]
async fn known_and_unknown_addresses_get_identical_answers_while_the_backoff_holds() {
    let app = spawn_app_with(behind_one_proxy).await;
    app.register_verified("known@example.org", "known", PASSWORD).await;
    let known = guesses(&app, "known@example.org", 1..=30).await;
    let unknown = guesses(&app, "nobody@example.org", 1..=30).await;
    assert_eq!(known, unknown, "the backoff tells accounts apart");
    assert_eq!(known[0], (401, "invalid_credentials".to_string(), false));
    assert!(
        known.contains(&(429, "rate_limited".to_string(), true)),
        "the backoff never engaged: {known:?}"
    );
}

#[tokio::test]
async fn a_flood_from_many_addresses_delays_the_owner_only_briefly() {
    let app = spawn_app_with(|s| {
        behind_one_proxy(s);
        s.login_backoff.cap_per_account_secs = 2;
    })
    .await;
    app.register_verified("owner@example.org", "owner", PASSWORD).await;
    // More guesses than the old lock allowed (100 an hour), each from another address.
    let flood = guesses(&app, "owner@example.org", 1..=120).await;
    assert!(flood.iter().any(|o| o.0 == 429), "the attacker was never slowed down: {flood:?}");
    assert!(flood.iter().all(|o| o.0 == 401 || o.0 == 429), "{flood:?}");
    // A patient attacker waits out each delay, so more failures count; without the cap the
    // account-wide wait would double past it (1, 2, 4 … s).
    let mut heard = 0;
    for i in 121..=200 {
        let res = post_via(
            &app,
            "/auth/login",
            &format!("198.51.100.{i}"),
            &json!({"email": "owner@example.org", "password": format!("wrong-guess-{i}")}),
        )
        .await;
        if res.status() == 429 {
            let retry = retry_after(&res);
            assert!(retry <= 2, "the account-wide wait passed its cap: {retry} s");
            tokio::time::sleep(Duration::from_millis(retry * 1000 + 100)).await;
        } else {
            assert_eq!(res.status(), 401);
            heard += 1;
            if heard == 3 {
                break;
            }
        }
    }
    assert_eq!(heard, 3);

    // The owner, from their own address, waits at most the account-wide cap.
    let creds = json!({"email": "owner@example.org", "password": PASSWORD});
    let res = post_via(&app, "/auth/login", "192.0.2.50", &creds).await;
    if res.status() == 429 {
        let retry = retry_after(&res);
        assert!(retry <= 2, "the owner must wait {retry} s");
        tokio::time::sleep(Duration::from_secs(retry + 1)).await;
        let res = post_via(&app, "/auth/login", "192.0.2.50", &creds).await;
        assert_eq!(res.status(), 200, "the owner is locked out");
    } else {
        assert_eq!(res.status(), 200, "the owner is locked out");
    }
}

#[tokio::test]
async fn the_owner_is_emailed_once_when_the_backoff_starts() {
    let app = spawn_app_with(behind_one_proxy).await;
    app.register_verified("sue@example.org", "sue", PASSWORD).await;
    let guess = |i: u32| json!({"email": "sue@example.org", "password": format!("wrong-{i}-x")});
    // Four failures from one address: no backoff yet, no email.
    for i in 0..4 {
        assert_eq!(post_via(&app, "/auth/login", "192.0.2.1", &guess(i)).await.status(), 401);
    }
    assert_eq!(outbox_count(&app, "sue@example.org", "signin_backoff"), 0);
    // The fifth from that address starts the per-address backoff: the owner is told.
    assert_eq!(post_via(&app, "/auth/login", "192.0.2.1", &guess(4)).await.status(), 401);
    assert_eq!(outbox_count(&app, "sue@example.org", "signin_backoff"), 1);
    let mail = app.mail.wait_for("sue@example.org", "failed sign-ins").await;
    assert!(mail.text.contains("/forgot-password"), "{}", mail.text);
    // More failures from elsewhere start the account-wide backoff too: no second email.
    let more = guesses(&app, "sue@example.org", 1..=8).await;
    assert!(more.iter().any(|o| o.0 == 429), "{more:?}");
    let_the_sender_run().await;
    let told: Vec<_> = app
        .mail
        .to("sue@example.org")
        .into_iter()
        .filter(|m| m.subject.contains("failed sign-ins"))
        .collect();
    assert_eq!(told.len(), 1);
    assert_eq!(outbox_count(&app, "sue@example.org", "signin_backoff"), 1);
}

#[tokio::test]
async fn failures_for_an_unknown_address_email_nobody() {
    let app = spawn_app_with(behind_one_proxy).await;
    for i in 0..5 {
        let res = post_via(
            &app,
            "/auth/login",
            "192.0.2.1",
            &json!({"email": "ghost@example.org", "password": format!("wrong-{i}-x")}),
        )
        .await;
        assert_eq!(res.status(), 401);
    }
    let more = guesses(&app, "ghost@example.org", 1..=12).await;
    assert!(more.iter().any(|o| o.0 == 429), "the backoff holds unknown addresses too: {more:?}");
    let_the_sender_run().await;
    assert_eq!(outbox_total(&app), 0);
    assert!(app.mail.all().is_empty(), "{:?}", app.mail.all());
}

/// Guesses sent all at once are counted before their passwords are checked: a burst of 30
/// wrong passwords from 30 addresses gets the account's free failures (10) heard and the rest
/// refused, not 30 guesses heard because each checked the backoff before any was recorded.
/// (A guess may be heard after the first wait has passed; the burst lasts well under it.)
#[tokio::test]
async fn a_burst_of_guesses_cannot_outrun_the_backoff() {
    let app = spawn_app_with(behind_one_proxy).await;
    app.register_verified("burst@example.org", "burst", PASSWORD).await;
    let sends = (1..=30).map(|i| {
        let app = &app;
        async move {
            let body =
                json!({"email": "burst@example.org", "password": format!("wrong-guess-{i}")});
            let res = post_via(app, "/auth/login", &format!("203.0.113.{i}"), &body).await;
            res.status().as_u16()
        }
    });
    let statuses = futures_util::future::join_all(sends).await;
    let heard = statuses.iter().filter(|&&s| s == 401).count();
    let held = statuses.iter().filter(|&&s| s == 429).count();
    println!("burst of 30 wrong passwords: {heard} heard (401), {held} held back (429)");
    assert_eq!(heard + held, 30, "{statuses:?}");
    assert!(heard <= 11, "{heard} guesses were heard; the account allows 10 before waiting");
    // The right password is held back as well, however many guesses came at once.
    let res = post_via(
        &app,
        "/auth/login",
        "203.0.113.99",
        &json!({"email": "burst@example.org", "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), 429);
}
