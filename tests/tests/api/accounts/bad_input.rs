//! Bad input on every accounts endpoint → 4xx problem naming the field, never 5xx.

use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app_with;
use reqwest::Method;
use serde_json::{json, Value};

struct Case {
    method: Method,
    path: &'static str,
    body: Value,
    field: &'static str,
}

fn case(method: Method, path: &'static str, body: Value, field: &'static str) -> Case {
    Case { method, path, body, field }
}

#[tokio::test]
async fn every_endpoint_answers_bad_input_with_a_422_naming_the_field() {
    let app = spawn_app_with(|s| s.auth_rate_limit_per_minute = 10_000).await;
    let token = app.patient("lee").await;
    let long = "x".repeat(10_000);
    let cases = vec![
        // register
        case(
            Method::POST,
            "/auth/register",
            json!({"password": PASSWORD, "handle": "abc"}),
            "email",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "handle": "abc"}),
            "password",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": PASSWORD}),
            "handle",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": 5, "password": PASSWORD, "handle": "abc"}),
            "email",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "nope", "password": PASSWORD, "handle": "abc"}),
            "email",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": long, "password": PASSWORD, "handle": "abc"}),
            "email",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": long, "handle": "abc"}),
            "password",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": "short", "handle": "abc"}),
            "password",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": "password1234", "handle": "abc"}),
            "password",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": PASSWORD, "handle": "a b"}),
            "handle",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": PASSWORD, "handle": long}),
            "handle",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": PASSWORD, "handle": "LEE"}),
            "handle",
        ),
        case(
            Method::POST,
            "/auth/register",
            json!({"email": "a@b.org", "password": PASSWORD, "handle": "abc", "role": "admin"}),
            "role",
        ),
        // login
        case(Method::POST, "/auth/login", json!({"email": "a@b.org"}), "password"),
        case(
            Method::POST,
            "/auth/login",
            json!({"email": "not-an-email", "password": "x"}),
            "email",
        ),
        case(Method::POST, "/auth/login", json!({"email": ["a"], "password": "x"}), "email"),
        case(
            Method::POST,
            "/auth/login",
            json!({"email": "a@b.org", "password": "x", "remember": true}),
            "remember",
        ),
        // verification, resend, reset
        case(Method::POST, "/auth/verify-email", json!({}), "token"),
        case(Method::POST, "/auth/verify-email", json!({"token": long}), "token"),
        case(Method::POST, "/auth/verify-email", json!({"token": 12}), "token"),
        case(Method::POST, "/auth/resend-verification", json!({"email": "@@"}), "email"),
        case(Method::POST, "/auth/password-reset/request", json!({"email": long}), "email"),
        case(Method::POST, "/auth/password-reset/request", json!({}), "email"),
        case(Method::POST, "/auth/password-reset/confirm", json!({"token": "abc"}), "new_password"),
        case(
            Method::POST,
            "/auth/password-reset/confirm",
            json!({"token": "abc", "new_password": "short"}),
            "new_password",
        ),
        case(Method::POST, "/auth/refresh", json!({"refresh_token": 5}), "refresh_token"),
        case(Method::POST, "/auth/refresh", json!({"token": "x"}), "token"),
        // me
        case(Method::PATCH, "/me", json!({"birth_year": 1800}), "birth_year"),
        case(Method::PATCH, "/me", json!({"birth_year": "1980"}), "birth_year"),
        case(Method::PATCH, "/me", json!({"visibility": "everyone"}), "visibility"),
        case(Method::PATCH, "/me", json!({"sex": "x"}), "sex"),
        case(Method::PATCH, "/me", json!({"country": "GBR"}), "country"),
        case(Method::PATCH, "/me", json!({"handle": long}), "handle"),
        case(Method::PATCH, "/me", json!({"email": "new@b.org"}), "email"),
        case(Method::POST, "/me/password", json!({"current_password": PASSWORD}), "new_password"),
        case(
            Method::POST,
            "/me/password",
            json!({"current_password": PASSWORD, "new_password": "123456789012"}),
            "new_password",
        ),
        case(Method::DELETE, "/me", json!({}), "password"),
        case(Method::DELETE, "/me", json!({"password": "wrong-password-1"}), "password"),
        case(Method::POST, "/me/conditions", json!({"condition": "als"}), "status"),
        case(
            Method::POST,
            "/me/conditions",
            json!({"condition": "no-such", "status": "active"}),
            "condition",
        ),
        case(
            Method::POST,
            "/me/conditions",
            json!({"condition": "als", "status": "cured"}),
            "status",
        ),
        case(
            Method::POST,
            "/me/conditions",
            json!({"condition": "als", "status": "active", "diagnosis_year": 3000}),
            "diagnosis_year",
        ),
        case(
            Method::POST,
            "/me/conditions",
            json!({"condition": long, "status": "active"}),
            "condition",
        ),
    ];
    for c in cases {
        let res = app.authed(c.method.clone(), c.path, &token, Some(&c.body)).await;
        let status = res.status().as_u16();
        assert_eq!(
            res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()),
            Some("application/problem+json".to_string()),
            "{} {}",
            c.method,
            c.path
        );
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, 422, "{} {} {}: {body}", c.method, c.path, c.body);
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.contains(&c.field),
            "{} {} {}: expected field {} in {body}",
            c.method,
            c.path,
            c.body,
            c.field
        );
    }
}

#[tokio::test]
async fn malformed_bodies_are_400_or_415_never_5xx() {
    let app = spawn_app_with(|s| s.auth_rate_limit_per_minute = 10_000).await;
    let paths = [
        "/auth/register",
        "/auth/login",
        "/auth/verify-email",
        "/auth/refresh",
        "/auth/password-reset/request",
        "/auth/password-reset/confirm",
        "/auth/resend-verification",
    ];
    for path in paths {
        for (body, ct, expect) in [
            ("{", "application/json", 400),
            ("", "application/json", 400),
            ("null", "application/json", 422),
            ("[1,2]", "application/json", 422),
            ("\"str\"", "application/json", 422),
            ("{\"email\": \"a@b.org\"", "application/json", 400),
            ("email=a@b.org", "application/x-www-form-urlencoded", 415),
            ("{}", "text/plain", 415),
        ] {
            let res = app
                .client
                .post(app.api(path))
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), expect, "{path} {body:?} {ct}");
            assert_eq!(res.headers()["content-type"], "application/problem+json");
        }
        // No content type at all.
        let res = app.client.post(app.api(path)).body("{}").send().await.unwrap();
        assert_eq!(res.status(), 415, "{path}");
    }
}
