//! What the benchmarks (`tests/benches/*.rs`, `make bench`) share: the real server started in
//! this process on a random port over a fresh database, accounts created straight in the
//! database and signed in, timed requests and their percentiles, the printed table, and the
//! `main` that runs SQLite and then (when `KINDRED_TEST_POSTGRES_URL` is set) PostgreSQL.
//!
//! A benchmark prints figures; it never fails on a number.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kindred::{Application, Settings};
use kindred_db::DbPool;
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::http::{test_env, PASSWORD};
use crate::{RecordingMailer, TestDb};

/// A number from the environment, or `default` when unset or not a number.
pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The median of some latencies (the upper one of an even count).
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The value at percentile `p` (0–100) of sorted latencies.
pub fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p / 100.0).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// A ratio as the tables print it.
pub fn ratio(r: f64) -> String {
    format!("{r:.2}")
}

/// The layout of a benchmark's table: `backend metric kindred raw-db ratio note`, each
/// benchmark with its own column widths, and how many decimals its milliseconds show.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Width of the metric column.
    pub metric: usize,
    /// Width of the Kindred figure.
    pub kindred: usize,
    /// Width of the raw-database figure.
    pub raw: usize,
    /// Width of the ratio.
    pub ratio: usize,
    /// Decimals of [`Table::ms`].
    pub ms_decimals: usize,
}

impl Table {
    /// Prints the header line.
    pub fn header(&self) {
        self.row("backend", "metric", "kindred", "raw db", "ratio", "note");
    }

    /// Prints one line.
    pub fn row(
        &self,
        backend: &str,
        metric: &str,
        kindred: &str,
        raw: &str,
        ratio: &str,
        note: &str,
    ) {
        let Table { metric: m, kindred: k, raw: r, ratio: q, .. } = *self;
        println!("{backend:<9} {metric:<m$} {kindred:>k$} {raw:>r$} {ratio:>q$}  {note}");
    }

    /// A latency in milliseconds.
    pub fn ms(&self, d: Duration) -> String {
        format!("{:.*} ms", self.ms_decimals, d.as_secs_f64() * 1000.0)
    }
}

/// Latencies of successful requests and a count of the failed ones (non-2xx or no answer).
#[derive(Default)]
pub struct Lat {
    /// Latencies of the 2xx answers.
    pub ok: Vec<Duration>,
    /// Requests that failed.
    pub errors: u64,
}

impl Lat {
    /// Adds another client's figures.
    pub fn merge(&mut self, other: Lat) {
        self.ok.extend(other.ok);
        self.errors += other.errors;
    }

    /// The same, latencies sorted (for [`Lat::p`]).
    pub fn sorted(mut self) -> Lat {
        self.ok.sort();
        self
    }

    /// The latency at percentile `p` (0–100); sort first.
    pub fn p(&self, p: f64) -> Duration {
        pct(&self.ok, p)
    }
}

/// Sends one request and reads the whole answer; the latency when it was 2xx, else the status
/// (`None`: no answer).
pub async fn timed(req: reqwest::RequestBuilder) -> Result<Duration, Option<u16>> {
    let started = Instant::now();
    let res = req.send().await.map_err(|_| None)?;
    let status = res.status();
    let body = res.bytes().await;
    match (status.is_success(), body) {
        (true, Ok(_)) => Ok(started.elapsed()),
        _ => Err(Some(status.as_u16())),
    }
}

/// Awaits every task, in order.
pub async fn join_all<T>(tasks: Vec<JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// The server under test, running in this process over a fresh database.
pub struct BenchServer {
    /// `sqlite` or `postgres`, the first column of the table.
    pub name: &'static str,
    /// True on PostgreSQL.
    pub postgres: bool,
    /// `http://127.0.0.1:<port>/api/v1`.
    pub base: String,
    /// The server's own pool.
    pub pool: DbPool,
    stop: Pin<Box<dyn Future<Output = ()> + Send>>,
    _dir: tempfile::TempDir,
    db: TestDb,
}

impl BenchServer {
    /// Starts the server on a random port over a fresh, migrated database, with 2 workers and
    /// a pool of 16 connections, and whatever `adjust` changes in its settings.
    pub fn start(postgres: bool, adjust: impl FnOnce(&mut Settings)) -> BenchServer {
        let name = if postgres { "postgres" } else { "sqlite" };
        let db = TestDb::new_on(postgres);
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings::from_sources(&test_env(&db, dir.path())).unwrap();
        settings.workers = 2;
        settings.db_pool_size = 16;
        adjust(&mut settings);
        let app =
            Application::build_with_mailer(settings, Arc::new(RecordingMailer::default())).unwrap();
        let base = format!("http://127.0.0.1:{}/api/v1", app.port());
        let pool = app.state().db.clone();
        let server = app.handle();
        let running = tokio::spawn(app.run_until_stopped());
        let stop = Box::pin(async move {
            server.stop(true).await;
            let _ = running.await;
        });
        BenchServer { name, postgres, base, pool, stop, _dir: dir, db }
    }

    /// The database URL (for the database's own CLI).
    pub fn url(&self) -> String {
        self.db.url.clone()
    }

    /// Stops the server and lets its threads finish, then drops the database (on PostgreSQL,
    /// deletes it).
    pub async fn stop(self) {
        let BenchServer { stop, pool, db, _dir, .. } = self;
        stop.await;
        drop(pool);
        drop(db);
    }
}

/// Creates verified patients `(id, email, handle)` with [`PASSWORD`] straight in the database
/// (registration is not what is measured), in one transaction.
pub async fn create_users(pool: &DbPool, users: Vec<(String, String, String)>) {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let hash = kindred_app::passwords::hash_blocking(PASSWORD).unwrap();
        pool.run(move |c| {
            kindred_db::write_tx(c, |c| {
                for (id, email, handle) in &users {
                    let now = kindred_db::now_utc().naive_utc();
                    kindred_db::queries::users::insert(
                        c,
                        &kindred_db::models::user::NewUser {
                            id,
                            email,
                            handle,
                            handle_lower: &handle.to_lowercase(),
                            password_hash: &hash,
                            role: "patient",
                            email_verified_at: Some(now),
                            // As accounts were made before new ones started private.
                            visibility: "members",
                            notify_email: true,
                            terms_version: None,
                            terms_accepted_at: None,
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                }
                Ok::<_, kindred_db::DbError>(())
            })
        })
        .unwrap()
    })
    .await
    .unwrap();
}

/// Signs in with [`PASSWORD`]; the access token.
pub async fn login(client: &reqwest::Client, base: &str, email: &str) -> String {
    let res: Value = client
        .post(format!("{base}/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["access_token"].as_str().unwrap_or_else(|| panic!("login {email}: {res}")).to_string()
}

/// Polls `GET url` as `token` every `every` until the JSON answer's `field` is one of `done`
/// (a background job finished); returns that answer.
pub async fn poll_until(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    field: &str,
    done: &[&str],
    every: Duration,
) -> Value {
    loop {
        let v: Value =
            client.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
        if v[field].as_str().is_some_and(|s| done.contains(&s)) {
            return v;
        }
        tokio::time::sleep(every).await;
    }
}

/// A benchmark's `main`: prints the table's header, then runs `bench` on SQLite and, when
/// `KINDRED_TEST_POSTGRES_URL` is set, on PostgreSQL (`bench(postgres)`).
pub fn run_backends<F, Fut>(table: &Table, mut bench: F)
where
    F: FnMut(bool) -> Fut,
    Fut: Future<Output = ()>,
{
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    table.header();
    rt.block_on(bench(false));
    if std::env::var("KINDRED_TEST_POSTGRES_URL").is_ok() {
        rt.block_on(bench(true));
    }
}
