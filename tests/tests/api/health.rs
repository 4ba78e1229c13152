//! Health, readiness, metrics, error shapes and edge policy.

use crate::helpers::{assert_problem, assert_security_headers};
use kindred_tests::{spawn_app, spawn_app_with};

#[tokio::test]
async fn healthz_and_readyz_answer_with_security_headers() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_security_headers(&res);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["status"] == "ok" || body["status"] == "ready");
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    // `/metrics` is served on the public listener only with a token (security finding 5).
    let token = "metrics-token-for-tests-0123";
    let app = spawn_app_with(|s| {
        s.metrics_token = Some(kindred::settings::Secret(token.as_bytes().to_vec()))
    })
    .await;
    for _ in 0..3 {
        app.client.get(app.url("/healthz")).send().await.unwrap();
    }
    app.client.get(app.api("/no-such-thing/123")).send().await.unwrap();
    let text = app.metrics(token).await;
    assert!(
        text.contains(
            r#"kindred_http_requests_total{method="GET",route="/healthz",status="200"} 3"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"kindred_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="200",le="+Inf"} 3"#));
    // Unknown paths are counted under one label, not one per raw path.
    assert!(!text.contains("no-such-thing"));
    assert!(text.contains("kindred_db_connections_open"));
    // Without the token it is refused; without a configured token it is not there at all.
    let res = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_problem(res, 401, "unauthorized").await;
    let closed = spawn_app().await;
    let res = closed.client.get(closed.url("/metrics")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn unknown_paths_are_404_problems() {
    let app = spawn_app().await;
    for path in ["/nope", "/api/v1/nope", "/api/nope", "/api/v1/"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_security_headers(&res);
        assert_problem(res, 404, "not_found").await;
    }
}

/// A path the API serves, asked with a method it does not serve there: 405 naming the methods
/// it does serve (from the OpenAPI document), as a problem; an unknown path stays 404.
#[tokio::test]
async fn other_methods_on_a_served_path_are_405_with_allow() {
    let app = spawn_app().await;
    let trace = reqwest::Method::from_bytes(b"TRACE").unwrap();
    for (method, path, allow) in [
        (trace.clone(), "/healthz", "GET"),
        (trace.clone(), "/readyz", "GET"),
        (trace, "/metrics", "GET"),
        (reqwest::Method::DELETE, "/healthz", "GET"),
        (reqwest::Method::PUT, "/api/v1/me/measurements/summary", "GET"),
        (
            reqwest::Method::PUT,
            "/api/v1/me/measurements/0194a7c0-0000-7000-8000-000000000000",
            "DELETE, GET, PATCH",
        ),
    ] {
        let res = app.client.request(method.clone(), app.url(path)).send().await.unwrap();
        let got = res.headers().get("allow").and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut got: Vec<String> =
            got.unwrap_or_default().split(", ").map(str::to_string).collect();
        got.sort();
        assert_eq!(got.join(", "), allow, "{method} {path}");
        assert_security_headers(&res);
        assert_problem(res, 405, "method_not_allowed").await;
    }
    let res = app.client.delete(app.url("/api/v1/nothing-here")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn oversized_bodies_are_413_problems() {
    let app = spawn_app().await;
    let body = vec![b'a'; 2 * 1024 * 1024];
    let res = app
        .client
        .post(app.api("/auth/login"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_security_headers(&res);
    assert_problem(res, 413, "payload_too_large").await;
}

/// PostgreSQL only: an open SQLite file cannot be made unreachable from outside the process.
#[tokio::test]
async fn readyz_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        eprintln!("skipped on SQLite");
        return;
    }
    // Terminate the server's connections and forbid new ones: readiness must turn 503.
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let admin = std::env::var("KINDRED_TEST_POSTGRES_URL").unwrap();
    let name = app.db.url.rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    let mut c = diesel::PgConnection::establish(&admin).unwrap();
    c.batch_execute(&format!(
        "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';"
    ))
    .unwrap();
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_problem(res, 503, "unavailable").await;
    c.batch_execute(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true")).unwrap();
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 200, "recovers once the database is back");
}

#[tokio::test]
async fn cors_allows_only_listed_origins() {
    let app =
        kindred_tests::spawn_app_with(|s| s.cors_origins = vec!["https://app.example.org".into()])
            .await;
    let ok = app
        .client
        .get(app.url("/healthz"))
        .header("origin", "https://app.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://app.example.org");
    let evil = app
        .client
        .get(app.url("/healthz"))
        .header("origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert!(!evil.headers().contains_key("access-control-allow-origin"));
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.api("/auth/login"))
        .header("origin", "https://evil.example.com")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(!preflight.headers().contains_key("access-control-allow-origin"));
}
