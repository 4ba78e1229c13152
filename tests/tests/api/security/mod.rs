//! Regression tests for the security findings of issue 12, one file per finding.

mod client_ip;
mod email_cooldown;
mod handles;
mod password_checks;
mod signin_backoff;
mod unmailable;
mod verification_sessions;

use kindred_tests::TestApp;
use serde_json::Value;

/// POSTs JSON to an API path as our proxy would forward it: with `X-Forwarded-For: <xff>`.
pub async fn post_via(app: &TestApp, path: &str, xff: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.api(path))
        .header("x-forwarded-for", xff)
        .json(body)
        .send()
        .await
        .expect("request")
}

/// Rows of the outbox to one address of one kind (queued in the request's transaction, so
/// this is exact as soon as the request answered).
pub fn outbox_count(app: &TestApp, to: &str, kind: &str) -> i64 {
    let (to, kind) = (to.to_string(), kind.to_string());
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::outbox;
            outbox::table
                .filter(outbox::to_address.eq(to))
                .filter(outbox::kind.eq(kind))
                .count()
                .get_result::<i64>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap()
}

/// Every row of the outbox, whatever its address or kind.
pub fn outbox_total(app: &TestApp) -> i64 {
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            kindred_db::schema::outbox::table
                .count()
                .get_result::<i64>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap()
}

/// Lets the mail sender deliver whatever is queued (it is woken by each request and polls
/// every 2 s), so that counting delivered messages afterwards is final.
pub async fn let_the_sender_run() {
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
}
