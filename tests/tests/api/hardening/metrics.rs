//! Finding 5 of issue 12: `/metrics` was public and its labels took the raw method, so anyone
//! could read request patterns and grow the registry without bound. Now `/metrics` on the
//! public listener is 404 unless `KINDRED_METRICS_TOKEN` is set (then it needs that bearer
//! token), `KINDRED_METRICS_BIND` serves it alone on a separate address, and label values
//! come from a fixed set (`other` methods, `unmatched` routes).

use std::collections::HashSet;

use kindred::settings::Secret;
use kindred_tests::{spawn_app, spawn_app_with, TestDb};
use reqwest::Method;

use crate::helpers::assert_problem;
use kindred_tests::http::{spawn_app_on, Mail};

pub const TOKEN: &str = "metrics-token-0123456789";

pub fn with_token(s: &mut kindred::Settings) {
    s.metrics_token = Some(Secret(TOKEN.as_bytes().to_vec()));
}

#[tokio::test]
async fn metrics_are_not_served_publicly_without_a_configured_token() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
    // Guessing a token changes nothing: there is none to match.
    let res = app.client.get(app.url("/metrics")).bearer_auth(TOKEN).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn a_configured_token_opens_metrics_to_its_bearer_only() {
    let app = spawn_app_with(with_token).await;
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_problem(res, 401, "unauthorized").await;
    for wrong in ["wrong-token-0123456789", &format!("{TOKEN}x"), &TOKEN[..TOKEN.len() - 1], ""] {
        let res = app.client.get(app.url("/metrics")).bearer_auth(wrong).send().await.unwrap();
        assert_problem(res, 401, "unauthorized").await;
    }
    let res = app
        .client
        .get(app.url("/metrics"))
        .header("authorization", format!("Basic {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_problem(res, 401, "unauthorized").await;
    let res = app.client.get(app.url("/metrics")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("# TYPE kindred_http_requests_total counter"));
}

#[tokio::test]
async fn a_separate_metrics_listener_serves_metrics_and_nothing_else() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let (app, metrics_port) =
        spawn_app_on(db, dir, Mail::Recorded, |s| s.metrics_bind = Some("127.0.0.1:0".into()))
            .await;
    let mport = metrics_port.expect("a metrics listener");
    assert_ne!(mport, app.port);
    app.client.get(app.url("/healthz")).send().await.unwrap();

    let private = |path: &str| format!("http://127.0.0.1:{mport}{path}");
    let res = app.client.get(private("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200, "no token needed on the private address");
    let text = res.text().await.unwrap();
    assert!(
        text.contains(
            r#"kindred_http_requests_total{method="GET",route="/healthz",status="200"} 1"#
        ),
        "{text}"
    );
    for path in ["/api/v1/me", "/healthz", "/api/v1/auth/login", "/"] {
        let res = app.client.get(private(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path} on the metrics listener");
    }
    // …and the public listener does not serve it at all (no token configured).
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn custom_methods_and_random_paths_do_not_grow_the_label_set() {
    let app = spawn_app_with(with_token).await;
    for i in 0..300 {
        let method = Method::from_bytes(format!("X{i}").as_bytes()).unwrap();
        let path = match i % 4 {
            0 => format!("/api/v1/random-{i}/x"),
            1 => format!("/random-{i}"),
            2 => format!("/api/v1/me/measurements/random-{i}"),
            _ => "/healthz".to_string(),
        };
        let res = app.client.request(method, app.url(&path)).send().await.unwrap();
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
    }
    let text = app.metrics(TOKEN).await;
    let series: HashSet<&str> =
        text.lines().filter(|l| l.starts_with("kindred_http_requests_total{")).collect();
    assert!(series.len() < 20, "{} series: {series:#?}", series.len());
    assert!(!text.contains("method=\"X"), "{text}");
    assert!(!text.contains("random-"), "{text}");
    // Every one of them was counted, under the shared label.
    let others: u64 = series
        .iter()
        .filter(|l| l.contains("method=\"other\""))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(others, 300, "{series:#?}");
}
