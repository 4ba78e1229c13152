//! Delivery through lettre's real SMTP transport to an SMTP server on loopback, and the
//! outbox surviving an SMTP outage.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kindred::{Application, Settings};
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::TestDb;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server: accepts every message and records its DATA.
async fn smtp_server(listener: TcpListener, received: Arc<Mutex<Vec<String>>>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { return };
        let received = received.clone();
        tokio::spawn(async move {
            let (r, mut w) = stream.into_split();
            let mut lines = BufReader::new(r).lines();
            w.write_all(b"220 test ESMTP\r\n").await.ok();
            let mut in_data = false;
            let mut data = String::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if in_data {
                    if line == "." {
                        in_data = false;
                        received.lock().unwrap().push(std::mem::take(&mut data));
                        w.write_all(b"250 OK queued\r\n").await.ok();
                    } else {
                        data.push_str(&line);
                        data.push('\n');
                    }
                    continue;
                }
                let cmd = line.to_ascii_uppercase();
                let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                    b"250-test\r\n250 8BITMIME\r\n"
                } else if cmd.starts_with("DATA") {
                    in_data = true;
                    b"354 go ahead\r\n"
                } else if cmd.starts_with("QUIT") {
                    w.write_all(b"221 bye\r\n").await.ok();
                    return;
                } else {
                    b"250 OK\r\n"
                };
                w.write_all(reply).await.ok();
            }
        });
    }
}

/// Every row of the outbox.
fn outbox_rows(pool: &kindred_db::DbPool) -> Vec<kindred_db::models::outbox::OutboxEmail> {
    pool.run(|c| {
        use diesel::prelude::*;
        use kindred_db::models::outbox::OutboxEmail;
        kindred_db::schema::outbox::table
            .select(OutboxEmail::as_select())
            .load(c)
            .map_err(kindred_db::DbError::from)
    })
    .unwrap()
}

#[tokio::test]
async fn registration_mail_goes_out_over_smtp_and_survives_an_outage() {
    // Reserve a port, but start the server only later: the first attempts fail (outage).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);

    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut env = test_env(&db, dir.path());
    env.push(("KINDRED_SMTP_URL".into(), format!("smtp://127.0.0.1:{port}")));
    let settings = Settings::from_sources(&env).unwrap();
    let app = Application::build(settings).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());

    let client = reqwest::Client::new();
    let res = client
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({"email": "wes@example.org", "password": PASSWORD, "handle": "wes"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);

    // SMTP is down: the message stays in the outbox with a recorded failure.
    let mut failed = false;
    for _ in 0..100 {
        let rows = outbox_rows(&pool);
        if rows.iter().any(|r| r.attempts >= 1 && r.last_error.is_some() && r.sent_at.is_none()) {
            failed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(failed, "the failed attempt is recorded and the email kept");

    // SMTP comes back; make the retry due now and wait for delivery.
    let received = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(smtp_server(listener, received.clone()));
    pool.run(|c| {
        use diesel::prelude::*;
        use kindred_db::schema::outbox::dsl::*;
        diesel::update(outbox)
            .set(next_attempt_at.eq(chrono::Utc::now().naive_utc()))
            .execute(c)
            .map_err(kindred_db::DbError::from)
    })
    .unwrap();
    for _ in 0..200 {
        if !received.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "delivered exactly once");
    let msg = &got[0];
    assert!(msg.contains("To: wes@example.org"), "{msg}");
    assert!(msg.contains("Subject: Confirm your email address for Kindred"), "{msg}");
    assert!(
        msg.contains("multipart/alternative")
            && msg.contains("text/plain")
            && msg.contains("text/html")
    );
    assert!(msg.contains("/verify-email?token="), "{msg}");
    drop(db);
}

/// An SMTP server that refuses every login with `535` (a wrong or rotated password).
async fn smtp_refusing_logins(listener: TcpListener, tries: Arc<Mutex<u32>>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { return };
        let tries = tries.clone();
        tokio::spawn(async move {
            let (r, mut w) = stream.into_split();
            let mut lines = BufReader::new(r).lines();
            w.write_all(b"220 test ESMTP\r\n").await.ok();
            while let Ok(Some(line)) = lines.next_line().await {
                let cmd = line.to_ascii_uppercase();
                let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                    b"250-test\r\n250 AUTH PLAIN LOGIN\r\n"
                } else if cmd.starts_with("AUTH") {
                    *tries.lock().unwrap() += 1;
                    b"535 5.7.8 Authentication credentials invalid\r\n"
                } else if cmd.starts_with("QUIT") {
                    w.write_all(b"221 bye\r\n").await.ok();
                    return;
                } else {
                    b"503 5.5.1 Authenticate first\r\n"
                };
                w.write_all(reply).await.ok();
            }
        });
    }
}

/// A refused SMTP login is about the session, not the message: the email stays queued (its
/// body kept, retried later) instead of being given up as undeliverable.
#[tokio::test]
async fn a_refused_smtp_login_keeps_the_email_queued() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let tries = Arc::new(Mutex::new(0));
    tokio::spawn(smtp_refusing_logins(listener, tries.clone()));

    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut env = test_env(&db, dir.path());
    env.push(("KINDRED_SMTP_URL".into(), format!("smtp://kindred:old-password@127.0.0.1:{port}")));
    let settings = Settings::from_sources(&env).unwrap();
    let app = Application::build(settings).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());

    let res = reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({"email": "ria@example.org", "password": PASSWORD, "handle": "ria"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);

    let mut row = None;
    for _ in 0..200 {
        let rows = outbox_rows(&pool);
        if let Some(r) = rows.into_iter().find(|r| r.attempts >= 1 && r.last_error.is_some()) {
            row = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let row = row.expect("the refused attempt is recorded");
    assert!(*tries.lock().unwrap() >= 1, "the sender tried to log in");
    assert!(row.last_error.as_deref().is_some_and(|e| e.contains("535")), "{:?}", row.last_error);
    assert!(row.failed_at.is_none(), "the email was given up: {:?}", row.last_error);
    assert!(row.sent_at.is_none());
    assert!(!row.body_text.is_empty(), "the body was cleared");
    drop(db);
}
