//! Stopping the server: work in flight finishes and is recorded before `run_until_stopped`
//! returns, so nothing touches the database while the process exits; work that cannot finish
//! within the grace period is abandoned without being lost.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use kindred::{Application, Settings};
use kindred_app::mail::{MailTransport, OutgoingEmail};
use kindred_db::DbPool;
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::{RecordingMailer, TestDb};
use serde_json::json;

const EMAIL: &str = "stop@example.org";

/// Records like the recording mailer, but takes `delay` per message: a stop lands mid-delivery.
struct SlowMailer {
    delay: Duration,
    started: AtomicBool,
    inner: RecordingMailer,
}

impl SlowMailer {
    fn new(delay: Duration) -> Arc<SlowMailer> {
        Arc::new(SlowMailer {
            delay,
            started: AtomicBool::new(false),
            inner: RecordingMailer::default(),
        })
    }
}

impl MailTransport for SlowMailer {
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String> {
        self.started.store(true, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        self.inner.send(from, email)
    }
}

/// Starts a server with `mailer` and the given grace, registers an account, waits until its
/// verification email is being delivered, then stops the server and waits for
/// `run_until_stopped` to return.
async fn stop_during_a_delivery(
    db: &TestDb,
    dir: &std::path::Path,
    mailer: Arc<SlowMailer>,
    grace: Duration,
) -> DbPool {
    let mut settings = Settings::from_sources(&test_env(db, dir)).unwrap();
    settings.shutdown_grace = grace;
    let app = Application::build_with_mailer(settings, mailer.clone()).unwrap();
    let api = format!("http://127.0.0.1:{}/api/v1", app.port());
    let pool = app.state().db.clone();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());

    let res = reqwest::Client::new()
        .post(format!("{api}/auth/register"))
        .json(&json!({"email": EMAIL, "password": PASSWORD, "handle": "stop_s"}))
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
    pool
}

/// (sent, unsent) rows of the outbox.
fn outbox_counts(pool: &DbPool) -> (i64, i64) {
    pool.run(|c| {
        use kindred_db::schema::outbox::dsl::*;
        let sent = outbox.filter(sent_at.is_not_null()).count().get_result(c)?;
        let unsent = outbox.filter(sent_at.is_null()).count().get_result(c)?;
        Ok::<_, kindred_db::DbError>((sent, unsent))
    })
    .unwrap()
}

#[tokio::test]
async fn a_stop_during_a_delivery_lets_it_finish_and_records_it_as_sent() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mailer = SlowMailer::new(Duration::from_millis(1500));
    let pool =
        stop_during_a_delivery(&db, dir.path(), mailer.clone(), Duration::from_secs(15)).await;

    // By the time run_until_stopped returned, the delivery finished and was recorded.
    assert_eq!(mailer.inner.to(EMAIL).len(), 1);
    assert_eq!(outbox_counts(&pool), (1, 0), "the delivered message must be marked sent");
}

#[tokio::test]
async fn a_delivery_outlasting_the_grace_is_abandoned_and_goes_out_after_the_next_start() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    // The delivery takes far longer than the grace (and than the HTTP server's own stop).
    let mailer = SlowMailer::new(Duration::from_secs(4));
    let pool =
        stop_during_a_delivery(&db, dir.path(), mailer.clone(), Duration::from_millis(100)).await;

    // The stop did not wait for the 4 s delivery: nothing was recorded as sent, and the
    // message keeps its row, leased to the sender that gave up on it.
    assert!(mailer.inner.to(EMAIL).is_empty(), "the stop waited for the whole delivery");
    assert_eq!(outbox_counts(&pool), (0, 1), "the abandoned message must stay unsent");
    let leased: i64 = pool
        .run(|c| {
            use kindred_db::schema::outbox::dsl::*;
            Ok::<_, kindred_db::DbError>(
                outbox.filter(locked_until.is_not_null()).count().get_result(c)?,
            )
        })
        .unwrap();
    assert_eq!(leased, 1);

    // Once the lease lapses (moved into the past here rather than waited for), the next start
    // delivers it and records it.
    pool.run(|c| {
        use kindred_db::schema::outbox::dsl::*;
        let past = kindred_db::now_utc().naive_utc() - chrono::TimeDelta::seconds(1);
        diesel::update(outbox).set(locked_until.eq(Some(past))).execute(c)?;
        Ok::<_, kindred_db::DbError>(())
    })
    .unwrap();
    let settings = Settings::from_sources(&test_env(&db, dir.path())).unwrap();
    let again = Arc::new(RecordingMailer::default());
    let app = Application::build_with_mailer(settings, again.clone()).unwrap();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());
    let mail = again.wait_for(EMAIL, "Confirm").await;
    assert!(mail.text.contains("/verify-email"), "not the verification email: {}", mail.text);
    handle.stop(true).await;
    running.await.unwrap().unwrap();
    assert_eq!(outbox_counts(&pool), (1, 0), "the redelivered message must be marked sent");
}
