//! The JWT forgery set: each → 401 problem, never 5xx.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app;
use serde_json::{json, Value};

const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123";

fn sign(alg: Algorithm, claims: &Value, secret: &[u8]) -> String {
    encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

#[tokio::test]
async fn forged_and_misused_tokens_are_401() {
    let app = spawn_app().await;
    app.register_verified("gil@example.org", "gil", PASSWORD).await;
    let login = app.login("gil@example.org", PASSWORD).await;
    let good = login["access_token"].as_str().unwrap().to_string();
    let refresh = login["refresh_token"].as_str().unwrap().to_string();
    assert_eq!(app.get_authed("/me", &good).await.status(), 200);

    // The real claims, decoded without verification, as the base for forgeries.
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(good.split('.').nth(1).unwrap()).unwrap())
            .unwrap();
    let now = chrono::Utc::now().timestamp();
    let with = |k: &str, v: Value| {
        let mut p = payload.clone();
        p[k] = v;
        p
    };
    let without = |k: &str| {
        let mut p = payload.clone();
        p.as_object_mut().unwrap().remove(k);
        p
    };
    // Sanity: re-signing the real claims with the real secret is accepted, so every 401 below
    // is caused by the one thing changed.
    assert_eq!(
        app.get_authed("/me", &sign(Algorithm::HS256, &payload, SECRET)).await.status(),
        200
    );

    let mut bad_sig = good.clone();
    bad_sig.truncate(good.rfind('.').unwrap() + 1);
    bad_sig.push_str(&URL_SAFE_NO_PAD.encode([7u8; 32]));

    let cases: Vec<(&str, String)> = vec![
        ("alg none", format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&payload))),
        ("alg None", format!("{}.{}.", b64(&json!({"alg": "None", "typ": "JWT"})), b64(&payload))),
        ("another algorithm (HS512)", sign(Algorithm::HS512, &payload, SECRET)),
        ("another key", sign(Algorithm::HS256, &payload, b"another-secret-another-secret-0000")),
        ("bad signature", bad_sig),
        ("truncated", good[..good.len() - 12].to_string()),
        ("two parts", good.rsplit_once('.').unwrap().0.to_string()),
        ("garbage", "not.a.jwt".to_string()),
        ("empty", String::new()),
        ("expired", sign(Algorithm::HS256, &with("exp", json!(now - 120)), SECRET)),
        ("issued in the future", sign(Algorithm::HS256, &with("iat", json!(now + 3600)), SECRET)),
        ("wrong audience", sign(Algorithm::HS256, &with("aud", json!("someone-else")), SECRET)),
        ("wrong issuer", sign(Algorithm::HS256, &with("iss", json!("evil")), SECRET)),
        (
            "exp as a string",
            sign(Algorithm::HS256, &with("exp", json!((now + 600).to_string())), SECRET),
        ),
        ("missing exp", sign(Algorithm::HS256, &without("exp"), SECRET)),
        ("missing iat", sign(Algorithm::HS256, &without("iat"), SECRET)),
        ("missing sub", sign(Algorithm::HS256, &without("sub"), SECRET)),
        ("missing aud", sign(Algorithm::HS256, &without("aud"), SECRET)),
        ("missing iss", sign(Algorithm::HS256, &without("iss"), SECRET)),
        ("missing session", sign(Algorithm::HS256, &without("sid"), SECRET)),
        (
            "unknown session",
            sign(Algorithm::HS256, &with("sid", json!("0199-no-such-session")), SECRET),
        ),
        (
            "someone else's sub on my session",
            sign(Algorithm::HS256, &with("sub", json!("another-user")), SECRET),
        ),
        ("refresh token as bearer", refresh.clone()),
    ];
    for (name, token) in cases {
        let res = app.get_authed("/me", &token).await;
        assert_eq!(res.status(), 401, "{name}");
        assert_eq!(res.headers()["www-authenticate"], "Bearer", "{name}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "unauthorized", "{name}");
    }

    // An email token used as a bearer.
    app.post("/auth/password-reset/request", &json!({"email": "gil@example.org"})).await;
    let mail = app.mail.wait_for("gil@example.org", "Reset").await;
    let (_, reset_token) = kindred_tests::mail::link_with_token(&mail, "/reset-password");
    assert_eq!(app.get_authed("/me", &reset_token).await.status(), 401);

    // Other schemes and no header at all.
    for header in ["Basic Z2lsOnB3", &format!("Token {good}"), "Bearer", ""] {
        let res =
            app.client.get(app.api("/me")).header("authorization", header).send().await.unwrap();
        assert_eq!(res.status(), 401, "{header:?}");
    }
    assert_eq!(app.client.get(app.api("/me")).send().await.unwrap().status(), 401);
}
