//! Finding 1 of issue 12: the client IP was whatever the client wrote in `X-Forwarded-For` or
//! `Forwarded`. Now it is the `X-Forwarded-For` entry `trusted_proxies` hops from the right
//! (the one our own proxy wrote), anything that is not an IP address falls back to the peer
//! address, `Forwarded` is never read, and the IP is no longer copied into audit details.

use std::net::IpAddr;

use super::post_via;
use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app_with;
use serde_json::{json, Value};

fn behind_one_proxy(s: &mut kindred::Settings) {
    s.trust_forwarded = true;
    s.trusted_proxies = 1;
}

#[tokio::test]
async fn the_per_ip_limit_counts_the_address_our_proxy_saw_not_what_the_client_wrote() {
    let app = spawn_app_with(|s| {
        behind_one_proxy(s);
        s.auth_rate_limit_per_minute = 5;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..8 {
        // The client varies the part it controls (left); our proxy appends what it saw (right).
        // A different email each time, so only the per-IP limiter can answer 429.
        let res = post_via(
            &app,
            "/auth/login",
            &format!("10.{i}.0.1, 203.0.113.9"),
            &json!({"email": format!("nobody{i}@example.org"), "password": "wrong-password-123"}),
        )
        .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, vec![401, 401, 401, 401, 401, 429, 429, 429]);
    // The limit is per address our proxy saw: another one still gets through.
    let res = post_via(
        &app,
        "/auth/login",
        "10.0.0.1, 203.0.113.10",
        &json!({"email": "nobody@example.org", "password": "wrong-password-123"}),
    )
    .await;
    assert_eq!(res.status(), 401);
}

/// Every `ip` of the member's live sessions, from the API and from the `sessions` table.
async fn session_ips(
    app: &kindred_tests::TestApp,
    token: &str,
) -> (Vec<Value>, Vec<Option<String>>) {
    let list: Value = app.get_authed("/me/sessions", token).await.json().await.unwrap();
    let api = list["items"].as_array().unwrap().iter().map(|s| s["ip"].clone()).collect();
    let stored = app
        .pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::sessions;
            sessions::table
                .select(sessions::ip)
                .load::<Option<String>>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    (api, stored)
}

#[tokio::test]
async fn forged_or_oversized_forwarding_headers_never_become_the_recorded_ip() {
    let app = spawn_app_with(behind_one_proxy).await;
    app.register_verified("ray@example.org", "ray", PASSWORD).await;
    let creds = json!({"email": "ray@example.org", "password": PASSWORD});

    // Not an IP address in X-Forwarded-For: the peer address is used.
    let res = post_via(&app, "/auth/login", "not-an-ip <script>", &creds).await;
    assert_eq!(res.status(), 200);
    let token = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();

    // A huge `Forwarded` header: never read.
    let forwarded = format!("for={}", "x".repeat(2996));
    assert_eq!(forwarded.len(), 3000);
    let res = app
        .client
        .post(app.api("/auth/login"))
        .header("forwarded", forwarded)
        .json(&creds)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let (api, stored) = session_ips(&app, &token).await;
    assert_eq!(api.len(), 2, "{api:?}");
    for ip in &api {
        let ip = ip.as_str().unwrap_or_else(|| panic!("no ip in {api:?}"));
        assert!(ip.parse::<IpAddr>().is_ok(), "{ip:?} is not an IP address");
        assert_eq!(ip, "127.0.0.1");
    }
    assert_eq!(stored.len(), 2, "{stored:?}");
    for ip in &stored {
        let ip = ip.as_deref().unwrap_or_else(|| panic!("no ip in {stored:?}"));
        assert!(ip.parse::<IpAddr>().is_ok(), "{ip:?} is not an IP address");
        assert_eq!(ip, "127.0.0.1");
    }

    // A failed sign-in with a forged header leaves no IP in the audit log either.
    let res = post_via(
        &app,
        "/auth/login",
        "not-an-ip <script>",
        &json!({"email": "ray@example.org", "password": "wrong-password-123"}),
    )
    .await;
    assert_eq!(res.status(), 401);
    let details: Vec<String> = app
        .pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::audit_events;
            audit_events::table
                .select(audit_events::details)
                .load::<String>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    assert!(details.len() >= 4, "sign-ins are audited: {details:?}");
    for d in &details {
        assert!(!d.contains("\"ip\""), "an IP in audit details: {d}");
        assert!(!d.contains("<script>") && !d.contains("xxxx"), "a header in audit details: {d}");
    }
}
