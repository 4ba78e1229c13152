//! Assertions shared by the API tests.

use serde_json::Value;

/// Asserts a response is a problem document with this status and code; returns the body.
pub async fn assert_problem(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let ct = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code, "body: {body}");
    assert!(body["type"].as_str().unwrap().ends_with(code));
    assert!(body["title"].is_string());
    body
}

/// Asserts the security headers every response carries.
pub fn assert_security_headers(res: &reqwest::Response) {
    let h = res.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h.contains_key("x-request-id"));
}

/// The `Retry-After` header of a response, in seconds (panics when absent).
pub fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()
        .get("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After on a {}", res.status()))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Repeats a wrong password check (`attempt`, answered `wrong_status` when heard) until the
/// sign-in backoff answers 429 with a `Retry-After` of at least `secs`. Each shorter delay is
/// waited out, so one more failure is recorded and the delay doubles. Returns that
/// `Retry-After`; the caller then has that long to observe the backoff.
pub async fn escalate_backoff<F, Fut>(mut attempt: F, wrong_status: u16, secs: u64) -> u64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    for _ in 0..30 {
        let res = attempt().await;
        if res.status() == 429 {
            let retry = retry_after(&res);
            assert_problem(res, 429, "rate_limited").await;
            if retry >= secs {
                return retry;
            }
            tokio::time::sleep(std::time::Duration::from_millis(retry * 1000 + 100)).await;
        } else {
            let status = res.status().as_u16();
            assert_eq!(status, wrong_status, "{}", res.text().await.unwrap_or_default());
        }
    }
    panic!("the backoff never asked for {secs} s");
}
