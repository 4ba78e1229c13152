//! Two replicas on one PostgreSQL database: two `Application`s with their own data directory,
//! port and recording mailer, sharing the database and the secret (as `docs/operations.md`
//! asks of replicas). What must hold across them: refresh-token reuse detection, exactly-once
//! delivery of the outbox between the two mail senders, the per-account sign-in backoff, and
//! migrations (and seeding) run once when both start together.
//!
//! PostgreSQL only: SQLite is one process's file, so these tests return early there.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use futures_util::StreamExt;
use kindred::{Application, Settings};
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::{RecordingMailer, TestDb};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, escalate_backoff, retry_after};

/// One server of a pair. The database (and with it the [`TestDb`] that drops it) belongs to
/// the test; the data directory is this replica's own.
struct Replica {
    address: String,
    client: reqwest::Client,
    /// What this replica's mail sender delivered.
    mail: Arc<RecordingMailer>,
    data_dir: tempfile::TempDir,
}

impl Replica {
    fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client.post(self.api(path)).json(body).send().await.unwrap()
    }

    /// `GET /me` with an access token: its status.
    async fn me(&self, access: &str) -> u16 {
        let res = self.client.get(self.api("/me")).bearer_auth(access).send().await.unwrap();
        res.status().as_u16()
    }

    /// A sign-in as if from `ip` (the replicas trust one proxy's `X-Forwarded-For`).
    async fn login_from(&self, ip: &str, email: &str, password: &str) -> reqwest::Response {
        let body = json!({"email": email, "password": password});
        let req = self.client.post(self.api("/auth/login")).header("x-forwarded-for", ip);
        req.json(&body).send().await.unwrap()
    }

    /// Signs in with [`PASSWORD`]; returns the body (tokens and user).
    async fn login(&self, email: &str) -> Value {
        let res = self.post("/auth/login", &json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(res.status(), 200, "login {email}");
        res.json().await.unwrap()
    }

    async fn register(&self, email: &str, handle: &str) {
        let body = json!({"email": email, "password": PASSWORD, "handle": handle});
        let res = self.post("/auth/register", &body).await;
        assert_eq!(res.status(), 202, "register {email}: {}", res.text().await.unwrap());
    }
}

/// The settings of one replica: the shared database and secret ([`test_env`]), its own data
/// directory, then the test's changes.
fn settings(db: &TestDb, dir: &std::path::Path, adjust: fn(&mut Settings)) -> Settings {
    let mut s = Settings::from_sources(&test_env(db, dir)).unwrap();
    // Dozens of auth requests from 127.0.0.1 in a few seconds: not what the per-IP limit is
    // about (it is per process anyway).
    s.auth_rate_limit_per_minute = 10_000;
    adjust(&mut s);
    s
}

/// Builds a replica (connects, migrates, seeds: blocking) with a recording mailer.
fn build(settings: Settings) -> (Application, Arc<RecordingMailer>) {
    let mail = Arc::new(RecordingMailer::default());
    (Application::build_with_mailer(settings, mail.clone()).expect("build replica"), mail)
}

/// Starts a built replica: HTTP server, mail sender, job runner.
fn start(app: Application, mail: Arc<RecordingMailer>, dir: tempfile::TempDir) -> Replica {
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    Replica { address, client, mail, data_dir: dir }
}

/// Two replicas on `db`, both built before either starts (so their workers start together).
fn pair(db: &TestDb, adjust: fn(&mut Settings)) -> (Replica, Replica) {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, ma) = build(settings(db, dir_a.path(), adjust));
    let (b, mb) = build(settings(db, dir_b.path(), adjust));
    (start(a, ma, dir_a), start(b, mb, dir_b))
}

/// A fresh migrated database, or `None` (with a note) when the run targets SQLite.
fn postgres_db() -> Option<TestDb> {
    postgres().then(TestDb::new)
}

/// Whether this run targets PostgreSQL; prints why the test stops here otherwise.
fn postgres() -> bool {
    let pg = kindred_tests::db::backend_is_postgres();
    if !pg {
        eprintln!("skipped on SQLite: replicas share a PostgreSQL database");
    }
    pg
}

fn tokens(body: &Value) -> (String, String) {
    let s = |k: &str| body[k].as_str().unwrap_or_else(|| panic!("no {k} in {body}")).to_string();
    (s("access_token"), s("refresh_token"))
}

async fn refresh(r: &Replica, token: &str) -> reqwest::Response {
    r.post("/auth/refresh", &json!({"refresh_token": token})).await
}

fn refresh_reuse_events(db: &TestDb) -> usize {
    db.pool()
        .run(|c| kindred_db::queries::audit::list(c, None, 100, Some("auth.refresh_reuse"), None))
        .unwrap()
        .len()
}

/// (revoked_at is set, revoked_reason) of every session, oldest first.
fn sessions(db: &TestDb) -> Vec<(bool, Option<String>)> {
    use kindred_db::schema::sessions::dsl::*;
    db.pool()
        .run(|c| {
            let rows: Vec<(Option<chrono::NaiveDateTime>, Option<String>)> =
                sessions.order(created_at.asc()).select((revoked_at, revoked_reason)).load(c)?;
            Ok::<_, kindred_db::DbError>(rows)
        })
        .unwrap()
        .into_iter()
        .map(|(at, why)| (at.is_some(), why))
        .collect()
}

#[tokio::test]
async fn a_refresh_token_rotated_on_one_replica_and_replayed_on_the_other_ends_the_session() {
    let Some(db) = postgres_db() else { return };
    let (a, b) = pair(&db, |_| {});
    a.register("rota@example.org", "rota").await;

    let (access1, refresh1) = tokens(&a.login("rota@example.org").await);
    // One secret: a token issued by A is good on B.
    assert_eq!(b.me(&access1).await, 200);

    // Rotated on A.
    let res = refresh(&a, &refresh1).await;
    assert_eq!(res.status(), 200);
    let (access2, refresh2) = tokens(&res.json().await.unwrap());
    assert_ne!(refresh1, refresh2);
    assert_eq!(b.me(&access2).await, 200);

    // The old token replayed on B: refused, and the whole session ends.
    let res = refresh(&b, &refresh1).await;
    assert_problem(res, 401, "unauthorized").await;
    assert_eq!(sessions(&db), vec![(true, Some("refresh_reuse".to_string()))]);
    assert_eq!(refresh_reuse_events(&db), 1);

    // The session's current refresh token works on neither replica, and its access tokens
    // (checked against the session on every request) are refused on both.
    for r in [&b, &a] {
        let res = refresh(r, &refresh2).await;
        assert_problem(res, 401, "unauthorized").await;
    }
    for r in [&a, &b] {
        assert_eq!(r.me(&access1).await, 401);
        assert_eq!(r.me(&access2).await, 401);
    }
    assert_eq!(refresh_reuse_events(&db), 1, "reuse is recorded once, when the session ends");

    // Only the session ended, not the account: signing in again on B works.
    let (access3, _) = tokens(&b.login("rota@example.org").await);
    assert_eq!(a.me(&access3).await, 200);
}

#[tokio::test]
async fn one_refresh_token_presented_to_both_replicas_at_once_works_once() {
    let Some(db) = postgres_db() else { return };
    let (a, b) = pair(&db, |_| {});
    a.register("race@example.org", "race").await;
    let (_, refresh1) = tokens(&b.login("race@example.org").await);

    let (ra, rb) = tokio::join!(refresh(&a, &refresh1), refresh(&b, &refresh1));
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 401], "exactly one exchange wins");
    let winner = if ra.status() == 200 { ra } else { rb };
    let (access2, refresh2) = tokens(&winner.json().await.unwrap());
    // The loser was a replay: the winner's new tokens died with the session.
    assert_eq!(sessions(&db), vec![(true, Some("refresh_reuse".to_string()))]);
    for r in [&a, &b] {
        assert_eq!(r.me(&access2).await, 401);
        assert_problem(refresh(r, &refresh2).await, 401, "unauthorized").await;
    }
    assert_eq!(refresh_reuse_events(&db), 1);
}

/// Emails queued while no sender runs (what committed transactions leave behind when every
/// replica is down), and emails queued through each replica while both run.
const BACKLOG: usize = 200;
const REGISTRATIONS: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_queued_email_is_sent_exactly_once_by_the_two_senders() {
    let started = Instant::now();
    let Some(db) = postgres_db() else { return };
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (sa, sb) = (settings(&db, dir_a.path(), |_| {}), settings(&db, dir_b.path(), |_| {}));
    let pool = db.pool();

    // The backlog, sealed with the replicas' shared secret as a request's transaction would.
    let outbox = kindred_app::mail::sealed::Outbox::new(&sa.secret.0, &sa.public_url, 0, 10);
    pool.run(|c| {
        kindred_db::write_tx(c, |c| {
            for i in 0..BACKLOG {
                let mail = kindred_app::mail::templates::password_reset(&format!(
                    "http://127.0.0.1/reset-password?token=t{i}"
                ));
                outbox.queue(c, None, &format!("backlog-{i:03}@example.org"), &mail)?;
            }
            Ok::<_, kindred_app::AppError>(())
        })
    })
    .unwrap();

    // Both senders start on the backlog together (batches of 20 under a 60 s lease).
    let ((a, ma), (b, mb)) = (build(sa), build(sb));
    let (a, b) = (start(a, ma, dir_a), start(b, mb, dir_b));

    // Meanwhile members register through both replicas, concurrently: each commit wakes the
    // sender of the replica that served it, while the other polls.
    let results: Vec<u16> = futures_util::stream::iter(0..REGISTRATIONS)
        .map(|i| {
            let r = if i.is_multiple_of(2) { &a } else { &b };
            let (email, handle) = (format!("reg-{i:03}@example.org"), format!("reg_{i:03}"));
            let body = json!({"email": email, "password": PASSWORD, "handle": handle});
            async move { r.post("/auth/register", &body).await.status().as_u16() }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(results.iter().all(|s| *s == 202), "{results:?}");

    // Every row recorded as sent, then a moment for any duplicate still in flight to land.
    let total = BACKLOG + REGISTRATIONS;
    let unsent = || {
        use kindred_db::schema::outbox::dsl::*;
        pool.run(|c| {
            let all: i64 = outbox.count().get_result(c)?;
            let open: i64 = outbox.filter(sent_at.is_null()).count().get_result(c)?;
            Ok::<_, kindred_db::DbError>((all, open))
        })
        .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while unsent() != (total as i64, 0) {
        assert!(Instant::now() < deadline, "outbox (rows, unsent) = {:?}", unsent());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Count per recipient (one message each) across both mailers.
    let (sent_a, sent_b) = (a.mail.all(), b.mail.all());
    let mut per_recipient: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for m in &sent_a {
        per_recipient.entry(m.to.clone()).or_default().0 += 1;
    }
    for m in &sent_b {
        per_recipient.entry(m.to.clone()).or_default().1 += 1;
    }
    let twice: Vec<_> = per_recipient.iter().filter(|(_, (x, y))| x + y != 1).collect();
    assert!(twice.is_empty(), "sent more than once (A, B): {twice:?}");
    let mut expected: Vec<String> = (0..BACKLOG)
        .map(|i| format!("backlog-{i:03}@example.org"))
        .chain((0..REGISTRATIONS).map(|i| format!("reg-{i:03}@example.org")))
        .collect();
    expected.sort();
    let got: Vec<String> = per_recipient.keys().cloned().collect();
    assert_eq!(got, expected, "every message delivered, nothing else");
    assert_eq!(sent_a.len() + sent_b.len(), total);
    for m in sent_a.iter().chain(&sent_b) {
        let kind = if m.to.starts_with("backlog-") { "password_reset" } else { "verify_email" };
        assert_eq!(m.kind, kind, "{}", m.to);
        assert!(m.text.contains("token="), "opened with the shared secret: {}", m.text);
    }
    let split = |mail: &[kindred_app::mail::OutgoingEmail], prefix: &str| {
        mail.iter().filter(|m| m.to.starts_with(prefix)).count()
    };
    let (backlog_a, backlog_b) = (split(&sent_a, "backlog-"), split(&sent_b, "backlog-"));
    let (reg_a, reg_b) = (split(&sent_a, "reg-"), split(&sent_b, "reg-"));
    eprintln!(
        "sent by A: {} ({backlog_a} backlog + {reg_a} registrations); \
         by B: {} ({backlog_b} + {reg_b}); {:.1?}",
        sent_a.len(),
        sent_b.len(),
        started.elapsed()
    );
    assert!(
        backlog_a > 0 && backlog_b > 0,
        "both senders worked the backlog: {backlog_a}/{backlog_b}"
    );

    // The rows agree: one delivery each, no failed attempt, no lease left behind.
    let rows: Vec<(i32, bool, bool)> = pool
        .run(|c| {
            use kindred_db::schema::outbox::dsl::*;
            let rows: Vec<(i32, Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>)> =
                outbox.select((attempts, locked_until, failed_at)).load(c)?;
            Ok::<_, kindred_db::DbError>(
                rows.into_iter().map(|(n, l, f)| (n, l.is_some(), f.is_some())).collect(),
            )
        })
        .unwrap();
    assert_eq!(rows.len(), total);
    assert!(rows.iter().all(|r| *r == (0, false, false)), "{rows:?}");
}

#[tokio::test]
async fn the_sign_in_backoff_counts_failures_on_both_replicas_together() {
    let Some(db) = postgres_db() else { return };
    // One proxy in front, so each attempt can come from its own address: only the
    // per-account rule (not the per-account-and-IP one) is in play.
    let (a, b) = pair(&db, |s| {
        s.trust_forwarded = true;
        s.trusted_proxies = 1;
    });
    // The rules, as the replicas run them (the defaults).
    let rules = settings(&db, a.data_dir.path(), |_| {}).login_backoff;
    assert_eq!((rules.free_per_account, rules.cap_per_account_secs), (10, 60));
    assert_eq!((rules.free_per_ip, rules.window_secs), (5, 3600));
    const EMAIL: &str = "lock@example.org";
    a.register(EMAIL, "lock").await;
    let replica = |n: usize| if n.is_multiple_of(2) { &a } else { &b };

    // Wrong passwords, alternating A, B, A, … each from a new address: the first
    // `free_per_account` are heard (401), whichever replica they reach.
    for n in 0..rules.free_per_account as usize {
        let res = replica(n).login_from(&format!("10.0.0.{n}"), EMAIL, "wrong-password-1").await;
        assert_problem(res, 401, "invalid_credentials").await;
    }
    // The next one, on A, from yet another address, waits: 2^(10 − 10) = 1 s after the last
    // (the same count and wait as on one server: the failures are counted in the database).
    let res = a.login_from("10.0.1.1", EMAIL, "wrong-password-1").await;
    assert_eq!(retry_after(&res), 1);
    assert_problem(res, 429, "rate_limited").await;
    let failures = || {
        use kindred_db::schema::auth_failures::dsl::*;
        let n: Result<i64, kindred_db::DbError> =
            db.pool().run(|c| Ok(auth_failures.count().get_result(c)?));
        n.unwrap()
    };
    assert_eq!(failures(), rules.free_per_account, "a refused attempt is not counted");

    // Each further failure doubles the wait (1 s, 2 s, then 4 s), still alternating replicas.
    let mut n = 100;
    let held = escalate_backoff(
        || {
            n += 1;
            let (r, ip) = (replica(n), format!("10.0.2.{n}"));
            async move { r.login_from(&ip, EMAIL, "wrong-password-1").await }
        },
        401,
        4,
    )
    .await;
    assert_eq!(held, 4);
    assert_eq!(failures(), rules.free_per_account + 2);

    // While it holds, the right password is refused on both replicas, from any address.
    for (r, ip) in [(&a, "10.0.3.1"), (&b, "10.0.3.2"), (&b, "10.0.0.1")] {
        let res = r.login_from(ip, EMAIL, PASSWORD).await;
        let wait = retry_after(&res);
        assert!((1..=4).contains(&wait), "Retry-After {wait}");
        assert_problem(res, 429, "rate_limited").await;
    }
    // A backoff, not a lockout: once it has passed, the right password works on either.
    tokio::time::sleep(Duration::from_millis(4_100)).await;
    for (r, ip) in [(&b, "10.0.3.2"), (&a, "10.0.3.3")] {
        assert_eq!(r.login_from(ip, EMAIL, PASSWORD).await.status(), 200);
    }
    // The owner heard of it once (the cooldown is in the database too), from either sender.
    let notices = a.mail.all().into_iter().chain(b.mail.all());
    assert_eq!(notices.filter(|m| m.kind == "signin_backoff").count(), 1);
}

#[tokio::test]
async fn two_replicas_starting_together_on_an_empty_database_migrate_once() {
    if !postgres() {
        return;
    }
    let db = TestDb::empty();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (sa, sb) = (settings(&db, dir_a.path(), |_| {}), settings(&db, dir_b.path(), |_| {}));
    // Both builds (connect, migrate, seed) released at the same instant, on two threads.
    let go = Arc::new(std::sync::Barrier::new(2));
    let spawn = |s: Settings| {
        let go = go.clone();
        tokio::task::spawn_blocking(move || {
            go.wait();
            build(s)
        })
    };
    let (ra, rb) = tokio::join!(spawn(sa), spawn(sb));
    let ((a, ma), (b, mb)) = (ra.unwrap(), rb.unwrap());
    let (a, b) = (start(a, ma, dir_a), start(b, mb, dir_b));

    // Each migration recorded exactly once, and all of them.
    #[derive(QueryableByName, Debug, PartialEq)]
    struct Applied {
        #[diesel(sql_type = diesel::sql_types::Text)]
        version: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut c = diesel::PgConnection::establish(&db.url).unwrap();
    let applied: Vec<Applied> = diesel::sql_query(
        "SELECT version, count(*) AS n FROM __diesel_schema_migrations \
         GROUP BY version ORDER BY version",
    )
    .load(&mut c)
    .unwrap();
    let names = kindred_db::migrations::names().unwrap().1;
    assert_eq!(applied.len(), names.len(), "{applied:?}");
    assert!(applied.iter().all(|m| m.n == 1), "{applied:?}");
    for (m, name) in applied.iter().zip(&names) {
        assert!(name.replace('-', "").starts_with(&m.version), "{} vs {name}", m.version);
    }

    // The start-up seeding, also run by both, left one copy of each seed.
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let count = |c: &mut diesel::PgConnection, sql: &str| {
        diesel::sql_query(sql).get_result::<Count>(c).unwrap().n as usize
    };
    let questionnaires = kindred_domain::questionnaire::seeds::seeds().len();
    assert_eq!(count(&mut c, "SELECT count(*) AS n FROM questionnaires"), questionnaires);
    assert_eq!(
        count(&mut c, "SELECT count(DISTINCT slug) AS n FROM questionnaires"),
        questionnaires
    );
    assert_eq!(count(&mut c, "SELECT count(*) AS n FROM questionnaire_versions"), questionnaires);
    let types = kindred_domain::measurement::seed_types().len();
    assert_eq!(count(&mut c, "SELECT count(*) AS n FROM measurement_types"), types);

    // The schema works through both.
    for (r, name) in [(&a, "mig_a"), (&b, "mig_b")] {
        let res = r.client.get(format!("{}/readyz", r.address)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        r.register(&format!("{name}@example.org"), name).await;
        r.login(&format!("{name}@example.org")).await;
    }
}
