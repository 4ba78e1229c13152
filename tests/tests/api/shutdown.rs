//! Stopping the server: work in flight finishes and is recorded before `run_until_stopped`
//! returns, so nothing touches the database while the process exits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use kindred::{Application, Settings};
use kindred_api::mail::{MailTransport, OutgoingEmail};
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::{RecordingMailer, TestDb};
use serde_json::json;

/// Records like the recording mailer, but takes its time: a stop lands mid-delivery.
#[derive(Default)]
struct SlowMailer {
    started: AtomicBool,
    inner: RecordingMailer,
}

impl MailTransport for SlowMailer {
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String> {
        self.started.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(1500));
        self.inner.send(from, email)
    }
}

#[tokio::test]
async fn a_stop_during_a_delivery_lets_it_finish_and_records_it_as_sent() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::from_sources(&test_env(&db, dir.path())).unwrap();
    let mailer = Arc::new(SlowMailer::default());
    let app = Application::build_with_mailer(settings, mailer.clone()).unwrap();
    let api = format!("http://127.0.0.1:{}/api/v1", app.port());
    let pool = app.state().db.clone();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());

    let res = reqwest::Client::new()
        .post(format!("{api}/auth/register"))
        .json(&json!({"email": "stop@example.org", "password": PASSWORD, "handle": "stop_s"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !mailer.started.load(Ordering::SeqCst) {
        assert!(Instant::now() < deadline, "the verification email was never attempted");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // Stop while the message is on its way; the server's own stop returns first.
    handle.stop(true).await;
    running.await.unwrap().unwrap();

    // By the time run_until_stopped returned, the delivery finished and was recorded.
    assert_eq!(mailer.inner.to("stop@example.org").len(), 1);
    let (sent, unsent): (i64, i64) = pool
        .run(|c| {
            use kindred_db::schema::outbox::dsl::*;
            let sent = outbox.filter(sent_at.is_not_null()).count().get_result(c)?;
            let unsent = outbox.filter(sent_at.is_null()).count().get_result(c)?;
            Ok::<_, kindred_db::DbError>((sent, unsent))
        })
        .unwrap();
    assert_eq!((sent, unsent), (1, 0), "the delivered message must be marked sent");
}
