//! Security benchmark (issue 12): what the protections cost the members who are not attacking.
//!
//! 1. Login flood (finding 15): readers of `GET /me/measurements` alone, then the same readers
//!    while 32 clients sign in as fast as they can (right password, so every request is a full
//!    argon2 verify and no failure is recorded). Reads kept and p99 growth, beside the same
//!    SELECT done straight through diesel.
//! 2. Data export (finding 2): one member with many readings downloads `GET /me/export` while
//!    another member's clients write and read. Peak RSS growth of the process during the
//!    export, export rows/s beside the raw paged SELECT, and the other clients' latency.
//!
//! The server runs in this process (so the RSS is the server's plus the load clients'), and
//! the load clients share its cores. `make bench` (release build). Environment:
//! - `KINDRED_BENCH_FLOOD_SECS` — seconds of each login-flood phase and raw run (default 10)
//! - `KINDRED_BENCH_EXPORT_ROWS` — readings of the exporting member (default 500,000)
//! - `KINDRED_TEST_POSTGRES_URL` — also run on PostgreSQL when set
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use kindred::{Application, Settings};
use kindred_db::queries::measurements::{self, ListFilter};
use kindred_db::DbPool;
use kindred_tests::http::{test_env, PASSWORD};
use kindred_tests::{RecordingMailer, TestDb};
use serde_json::{json, Value};
use tokio::task::JoinHandle;

/// Readers of the patient's list during the login flood.
const READERS: usize = 16;
/// Clients signing in during phase B.
const FLOODERS: usize = 32;
/// Another member's clients writing and reading during the export.
const MIXED: usize = 8;
/// Seconds of the mixed clients' baseline (no export running).
const BASELINE_SECS: u64 = 5;
/// The list page the readers ask for.
const LIST_LIMIT: i64 = 50;

const READER: &str = "sec-reader";
const FLOOD: &str = "sec-flood";
const EXPORTER: &str = "sec-exporter";
const WRITER: &str = "sec-writer";

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The value at percentile `p` (0–100) of sorted latencies.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p / 100.0).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT MET"
    }
}

fn row(backend: &str, metric: &str, kindred: &str, raw: &str, ratio: &str, note: &str) {
    println!("{backend:<9} {metric:<50} {kindred:>19} {raw:>13} {ratio:>8}  {note}");
}

/// A number from `/proc/self/status` (`VmRSS` in KiB, `Threads`).
fn proc_status(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// This process's resident set (`VmRSS`), in KiB. The server runs in this process.
fn rss_kib() -> u64 {
    proc_status("VmRSS")
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Samples this process's RSS (and thread count) every 50 ms on a thread of its own until
/// [`RssPeak::stop`].
struct RssPeak {
    running: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<(u64, u64)>,
}

impl RssPeak {
    fn start() -> RssPeak {
        let running = Arc::new(AtomicBool::new(true));
        let r = running.clone();
        let thread = std::thread::spawn(move || {
            let (mut peak, mut threads) = (0, 0);
            loop {
                peak = peak.max(rss_kib());
                threads = threads.max(proc_status("Threads"));
                if !r.load(Ordering::Relaxed) {
                    return (peak, threads);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        RssPeak { running, thread }
    }

    /// The highest RSS seen, in KiB, and the most threads.
    fn stop(self) -> (u64, u64) {
        self.running.store(false, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

/// Latencies of successful requests and a count of the failed ones (non-2xx or no answer).
#[derive(Default)]
struct Lat {
    ok: Vec<Duration>,
    errors: u64,
}

impl Lat {
    fn merge(&mut self, other: Lat) {
        self.ok.extend(other.ok);
        self.errors += other.errors;
    }

    fn sorted(mut self) -> Lat {
        self.ok.sort();
        self
    }

    fn p(&self, p: f64) -> Duration {
        pct(&self.ok, p)
    }
}

/// What the sign-in flood got.
#[derive(Default)]
struct Flood {
    ok: Vec<Duration>,
    unavailable: u64,
    other: u64,
}

/// Sends one request and reads the whole answer; the latency when it was 2xx.
async fn timed(req: reqwest::RequestBuilder) -> Result<Duration, Option<u16>> {
    let started = Instant::now();
    let res = req.send().await.map_err(|_| None)?;
    let status = res.status();
    let body = res.bytes().await;
    match (status.is_success(), body) {
        (true, Ok(_)) => Ok(started.elapsed()),
        _ => Err(Some(status.as_u16())),
    }
}

async fn join_all<T>(tasks: Vec<JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// `n` clients reading the list with `token` until `deadline`.
fn spawn_readers(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    n: usize,
    deadline: Instant,
) -> Vec<JoinHandle<Lat>> {
    (0..n)
        .map(|_| {
            let (client, url, token) = (client.clone(), url.to_string(), token.to_string());
            tokio::spawn(async move {
                let mut lat = Lat::default();
                while Instant::now() < deadline {
                    match timed(client.get(&url).bearer_auth(&token)).await {
                        Ok(d) => lat.ok.push(d),
                        Err(_) => lat.errors += 1,
                    }
                }
                lat
            })
        })
        .collect()
}

/// `n` clients signing in to `email` with the right password until `deadline`. A 503 (hashing
/// queue full) is retried at once, as a flood would.
fn spawn_flooders(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    n: usize,
    deadline: Instant,
) -> Vec<JoinHandle<Flood>> {
    (0..n)
        .map(|_| {
            let client = client.clone();
            let url = format!("{base}/auth/login");
            let body = json!({"email": email, "password": PASSWORD});
            tokio::spawn(async move {
                let mut f = Flood::default();
                while Instant::now() < deadline {
                    match timed(client.post(&url).json(&body)).await {
                        Ok(d) => f.ok.push(d),
                        Err(Some(503)) => f.unavailable += 1,
                        Err(_) => f.other += 1,
                    }
                }
                f
            })
        })
        .collect()
}

/// Another member's client: a write (unique client id) then a read, until stopped.
fn spawn_mixed(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    tag: &str,
    stop: Arc<AtomicBool>,
    deadline: Option<Instant>,
) -> Vec<JoinHandle<(Lat, Lat)>> {
    (0..MIXED)
        .map(|k| {
            let (client, token) = (client.clone(), token.to_string());
            let post_url = format!("{base}/me/measurements");
            let get_url = format!("{base}/me/measurements?limit={LIST_LIMIT}");
            let (tag, stop) = (tag.to_string(), stop.clone());
            tokio::spawn(async move {
                let (mut writes, mut reads) = (Lat::default(), Lat::default());
                let mut i = 0u64;
                let going =
                    || !stop.load(Ordering::Relaxed) && deadline.is_none_or(|d| Instant::now() < d);
                while going() {
                    i += 1;
                    let body = json!({"type": "heart_rate", "value": 60 + i % 40,
                        "taken_at": "2026-06-01T08:00:00Z", "client_id": format!("{tag}-{k}-{i}")});
                    match timed(client.post(&post_url).bearer_auth(&token).json(&body)).await {
                        Ok(d) => writes.ok.push(d),
                        Err(_) => writes.errors += 1,
                    }
                    if !going() {
                        break;
                    }
                    match timed(client.get(&get_url).bearer_auth(&token)).await {
                        Ok(d) => reads.ok.push(d),
                        Err(_) => reads.errors += 1,
                    }
                }
                (writes, reads)
            })
        })
        .collect()
}

async fn mixed_results(tasks: Vec<JoinHandle<(Lat, Lat)>>) -> (Lat, Lat, Lat) {
    let (mut writes, mut reads, mut all) = (Lat::default(), Lat::default(), Lat::default());
    for (w, r) in join_all(tasks).await {
        all.ok.extend(w.ok.iter().chain(r.ok.iter()).copied());
        all.errors += w.errors + r.errors;
        writes.merge(w);
        reads.merge(r);
    }
    (writes.sorted(), reads.sorted(), all.sorted())
}

async fn login(client: &reqwest::Client, base: &str, email: &str) -> String {
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

fn email(id: &str) -> String {
    format!("{id}@bench.org")
}

/// The bench's accounts, created directly (registration is not what is measured).
async fn create_users(pool: &DbPool) {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let hash = kindred_app::passwords::hash_blocking(PASSWORD).unwrap();
        pool.run(move |c| {
            kindred_db::write_tx(c, |c| {
                for id in [READER, FLOOD, EXPORTER, WRITER] {
                    let now = kindred_db::now_utc().naive_utc();
                    kindred_db::queries::users::insert(
                        c,
                        &kindred_db::models::user::NewUser {
                            id,
                            email: &email(id),
                            handle: id,
                            handle_lower: id,
                            password_hash: &hash,
                            role: "patient",
                            email_verified_at: Some(now),
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

struct Ctx {
    name: &'static str,
    postgres: bool,
    base: String,
    pool: DbPool,
    client: reqwest::Client,
}

async fn login_flood(ctx: &Ctx, secs: u64) {
    let Ctx { name, base, pool, client, .. } = ctx;
    let reader = login(client, base, &email(READER)).await;
    // 50 readings through the batch endpoint.
    let items: Vec<Value> = (0..50)
        .map(|i| json!({"type": "heart_rate", "value": 60 + i % 40,
            "taken_at": format!("2026-03-01T{:02}:{:02}:00Z", 8 + i / 60, i % 60), "client_id": format!("seed-{i}")}))
        .collect();
    let res = client
        .post(format!("{base}/me/measurements/batch"))
        .bearer_auth(&reader)
        .json(&json!({"items": items}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "seed batch");
    let list_url = format!("{base}/me/measurements?limit={LIST_LIMIT}");
    let body: Value =
        client.get(&list_url).bearer_auth(&reader).send().await.unwrap().json().await.unwrap();
    assert_eq!(body["items"].as_array().map(Vec::len), Some(50));

    // Phase A: readers alone.
    let rss_a = rss_kib();
    let sampler = RssPeak::start();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut a = Lat::default();
    for l in join_all(spawn_readers(client, &list_url, &reader, READERS, deadline)).await {
        a.merge(l);
    }
    let a = a.sorted();
    let (rss_a_peak, threads_a) = sampler.stop();

    // Phase B: the same readers, and the sign-in flood.
    let rss_before = rss_kib();
    let sampler = RssPeak::start();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let readers = spawn_readers(client, &list_url, &reader, READERS, deadline);
    let flooders = spawn_flooders(client, base, &email(FLOOD), FLOODERS, deadline);
    let mut b = Lat::default();
    for l in join_all(readers).await {
        b.merge(l);
    }
    let b = b.sorted();
    let mut flood = Flood::default();
    for f in join_all(flooders).await {
        flood.ok.extend(f.ok);
        flood.unavailable += f.unavailable;
        flood.other += f.other;
    }
    flood.ok.sort();
    let (rss_peak, threads_b) = sampler.stop();

    // Raw: the list endpoint's SELECT, 16 threads, each its own connection.
    let raw_done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let threads: Vec<_> = (0..READERS)
        .map(|_| {
            let (url, raw_done) = (pool.url().clone(), raw_done.clone());
            std::thread::spawn(move || {
                let mut c = url.connect().unwrap();
                let filter = ListFilter::default();
                while Instant::now() < deadline {
                    let rows = measurements::list(&mut c, READER, &filter, LIST_LIMIT + 1).unwrap();
                    assert_eq!(rows.len(), 50);
                    raw_done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }

    let s = secs as f64;
    let (a_rate, b_rate) = (a.ok.len() as f64 / s, b.ok.len() as f64 / s);
    let raw_rate = raw_done.load(Ordering::Relaxed) as f64 / s;
    row(
        name,
        "A: GET /me/measurements?limit=50, 16 readers",
        &format!("{a_rate:.0}/s"),
        &format!("{raw_rate:.0}/s"),
        &format!("{:.2}", a_rate / raw_rate),
        &format!("ratio = kindred/raw; {} errors", a.errors),
    );
    row(name, "A: read p50 / p99", &format!("{} / {}", ms(a.p(50.0)), ms(a.p(99.0))), "", "", "");
    row(
        name,
        "B: same readers + 32 clients POST /auth/login",
        &format!("{b_rate:.0}/s"),
        "",
        "",
        &format!("{} errors", b.errors),
    );
    row(name, "B: read p50 / p99", &format!("{} / {}", ms(b.p(50.0)), ms(b.p(99.0))), "", "", "");
    row(
        name,
        "B: sign-ins 200 /s (p50 / p99)",
        &format!("{:.1}/s", flood.ok.len() as f64 / s),
        "",
        "",
        &format!("p50 {} / p99 {}", ms(pct(&flood.ok, 50.0)), ms(pct(&flood.ok, 99.0))),
    );
    row(
        name,
        "B: sign-ins answered 503 (queue full) / other",
        &format!("{} / {}", flood.unavailable, flood.other),
        "",
        "",
        "503 = hashing queue full, Retry-After",
    );
    row(
        name,
        "process RSS, A: start → peak; B: start → peak",
        &format!(
            "{:.0}→{:.0}; {:.0}→{:.0} MiB",
            mib(rss_a),
            mib(rss_a_peak),
            mib(rss_before),
            mib(rss_peak)
        ),
        "",
        "",
        &format!(
            "info: in-process server + clients; peak threads A {threads_a}, B {threads_b}; \
             argon2 takes ~19 MiB per hash"
        ),
    );
    let kept = b_rate / a_rate;
    row(
        name,
        "reads kept under flood (B/A reads/s)",
        &format!("{:.0} %", kept * 100.0),
        "",
        &format!("{kept:.2}"),
        &format!("target ≥ 60 %: {}", verdict(kept >= 0.60)),
    );
    let growth = b.p(99.0).as_secs_f64() / a.p(99.0).as_secs_f64();
    row(
        name,
        "read p99 under flood (B p99 / A p99)",
        &format!("{growth:.2}x"),
        "",
        &format!("{growth:.2}"),
        &format!("target < 2x: {}", verdict(growth < 2.0)),
    );
}

/// Inserts `rows` readings for the exporting member, generated inside the database (as the
/// measurement benchmark does), on a connection of its own with the default page cache: a
/// large cache freed here would be memory the export could reuse unseen by the RSS figure.
fn bulk_load(pool: &DbPool, postgres: bool, rows: u64) {
    let mut c = pool.url().connect().unwrap();
    // In chunks of a million rows, each its own transaction, so the WAL stays bounded.
    let chunk = 1_000_000u64;
    let mut lo = 1u64;
    while lo <= rows {
        let hi = (lo + chunk - 1).min(rows);
        let sql = if postgres {
            format!(
                "INSERT INTO measurements (id, user_id, type_slug, value1, value2, unit, taken_at, utc_offset_minutes, source, client_id, note, created_at, updated_at)
                   SELECT 'exp-m-' || lpad(i::text, 9, '0'), '{EXPORTER}', 'heart_rate', 60 + (i % 40), NULL, '/min',
                          timestamp '2021-01-01' + make_interval(days => (i % 1826)::int, secs => (i % 86400)::int), 0, 'device', NULL, NULL, now(), now()
                   FROM generate_series({lo}, {hi}) i"
            )
        } else {
            format!(
                "WITH RECURSIVE s(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM s WHERE i < {hi})
                 INSERT INTO measurements (id, user_id, type_slug, value1, value2, unit, taken_at, utc_offset_minutes, source, client_id, note, created_at, updated_at)
                   SELECT printf('exp-m-%09d', i), '{EXPORTER}', 'heart_rate', 60 + (i % 40), NULL, '/min',
                          datetime('2021-01-01', '+' || (i % 1826) || ' days', '+' || (i % 86400) || ' seconds'), 0, 'device', NULL, NULL,
                          '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM s"
            )
        };
        c.batch_execute(&sql).unwrap();
        lo = hi + 1;
    }
    c.batch_execute(if postgres {
        "ANALYZE measurements"
    } else {
        "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE"
    })
    .unwrap();
}

/// The export's database work without the HTTP and JSON: the same paged SELECT of the
/// member's readings inside one read-only snapshot. Returns the rows read.
fn raw_export_read(pool: &DbPool) -> u64 {
    let mut c = pool.url().connect().unwrap();
    kindred_db::read_snapshot(&mut c, |c| {
        let mut after: Option<String> = None;
        let mut n = 0u64;
        loop {
            let rows = measurements::list_all_for_user(
                c,
                EXPORTER,
                after.as_deref(),
                kindred_db::queries::privacy::PAGE,
            )?;
            n += rows.len() as u64;
            if (rows.len() as i64) < kindred_db::queries::privacy::PAGE {
                break;
            }
            after = rows.last().map(|m| m.id.clone());
        }
        Ok::<_, kindred_db::DbError>(n)
    })
    .unwrap()
}

async fn data_export(ctx: &Ctx, rows: u64) {
    let Ctx { name, postgres, base, pool, client } = ctx;
    let started = Instant::now();
    let (p, pg) = (pool.clone(), *postgres);
    tokio::task::spawn_blocking(move || bulk_load(&p, pg, rows)).await.unwrap();
    eprintln!(
        "{name}: loaded {rows} readings for the export in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Raw first (it also warms the caches the export then reads through).
    let p = pool.clone();
    let started = Instant::now();
    let raw_rows = tokio::task::spawn_blocking(move || raw_export_read(&p)).await.unwrap();
    let raw_time = started.elapsed();
    assert_eq!(raw_rows, rows);

    let exporter = login(client, base, &email(EXPORTER)).await;
    let writer = login(client, base, &email(WRITER)).await;

    // Baseline: the other member's clients with no export running.
    let deadline = Instant::now() + Duration::from_secs(BASELINE_SECS);
    let never = Arc::new(AtomicBool::new(false));
    let (_, _, base_all) =
        mixed_results(spawn_mixed(client, base, &writer, "base", never, Some(deadline))).await;

    // The export, with the same clients running and the RSS sampled every 50 ms.
    let export_client = reqwest::Client::new();
    let rss_before = rss_kib();
    let sampler = RssPeak::start();
    let stop = Arc::new(AtomicBool::new(false));
    let mixed = spawn_mixed(client, base, &writer, "exp", stop.clone(), None);
    let started = Instant::now();
    let mut res =
        export_client.get(format!("{base}/me/export")).bearer_auth(&exporter).send().await.unwrap();
    assert_eq!(res.status(), 200, "export");
    let (mut bytes, mut last) = (0u64, 0u8);
    while let Some(chunk) = res.chunk().await.unwrap() {
        bytes += chunk.len() as u64;
        if let Some(b) = chunk.last() {
            last = *b;
        }
    }
    let export_time = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (during_w, during_r, during) = mixed_results(mixed).await;
    let (rss_peak, _) = sampler.stop();
    assert_eq!(last, b'}', "the export document ends");

    let export_rate = rows as f64 / export_time.as_secs_f64();
    let raw_rate = raw_rows as f64 / raw_time.as_secs_f64();
    row(
        name,
        &format!("GET /me/export, {rows} readings: time"),
        &format!("{:.2} s", export_time.as_secs_f64()),
        &format!("{:.2} s", raw_time.as_secs_f64()),
        "",
        &format!("{:.1} MiB streamed", bytes as f64 / 1024.0 / 1024.0),
    );
    row(
        name,
        "export rows/s (raw = paged SELECT in a snapshot)",
        &format!("{export_rate:.0}/s"),
        &format!("{raw_rate:.0}/s"),
        &format!("{:.2}", export_rate / raw_rate),
        "ratio = export/raw",
    );
    let growth = rss_peak.saturating_sub(rss_before);
    row(
        name,
        "peak RSS growth during export",
        &format!("{:.1} MiB", mib(growth)),
        "",
        "",
        &format!(
            "target < 64 MiB: {}; process RSS {:.0} → peak {:.0} MiB (in-process server + clients)",
            verdict(mib(growth) < 64.0),
            mib(rss_before),
            mib(rss_peak)
        ),
    );
    row(
        name,
        "8 other clients, no export: p50 / p99",
        &format!("{} / {}", ms(base_all.p(50.0)), ms(base_all.p(99.0))),
        "",
        "",
        &format!(
            "{} requests in {BASELINE_SECS} s, {} non-2xx",
            base_all.ok.len() + base_all.errors as usize,
            base_all.errors
        ),
    );
    row(
        name,
        "8 other clients during export: p50 / p99",
        &format!("{} / {}", ms(during.p(50.0)), ms(during.p(99.0))),
        "",
        &format!("{:.2}", during.p(99.0).as_secs_f64() / base_all.p(99.0).as_secs_f64()),
        &format!(
            "ratio = p99 during/baseline; target p99 < 200 ms and 0 errors: {}",
            verdict(during.p(99.0) < Duration::from_millis(200) && during.errors == 0)
        ),
    );
    row(
        name,
        "  of which POST /me/measurements: p50 / p99",
        &format!("{} / {}", ms(during_w.p(50.0)), ms(during_w.p(99.0))),
        "",
        "",
        &format!("{} ok, {} non-2xx", during_w.ok.len(), during_w.errors),
    );
    row(
        name,
        "  of which GET /me/measurements: p50 / p99",
        &format!("{} / {}", ms(during_r.p(50.0)), ms(during_r.p(99.0))),
        "",
        "",
        &format!("{} ok, {} non-2xx", during_r.ok.len(), during_r.errors),
    );
}

async fn bench_backend(postgres: bool, secs: u64, export_rows: u64) {
    let name = if postgres { "postgres" } else { "sqlite" };
    let db = TestDb::new_on(postgres);
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::from_sources(&test_env(&db, dir.path())).unwrap();
    settings.workers = 2;
    settings.db_pool_size = 16;
    // The per-IP limiter out of the way: the flood comes from one address.
    settings.auth_rate_limit_per_minute = 1_000_000;
    // Hash concurrency and queue stay at their defaults.
    println!(
        "{name:<9} -- {} cores, workers {}, db pool {}, hash concurrency {}, hash queue {}, \
         auth limit {}/min",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        settings.workers,
        settings.db_pool_size,
        settings.hash_concurrency,
        settings.hash_queue,
        settings.auth_rate_limit_per_minute
    );
    let app =
        Application::build_with_mailer(settings, Arc::new(RecordingMailer::default())).unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    let pool = app.state().db.clone();
    let server = app.handle();
    let running = tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    create_users(&pool).await;
    let ctx = Ctx { name, postgres, base, pool, client };

    // The export first, while the process has done little else: memory freed earlier (the
    // flood's argon2 buffers) could be reused by the export unseen by the RSS figure.
    println!("{name:<9} -- data export (issue 12 finding 2)");
    data_export(&ctx, export_rows).await;
    println!("{name:<9} -- login flood (issue 12 finding 15)");
    login_flood(&ctx, secs).await;

    // Stop the server and let its threads finish before the databases go away.
    server.stop(true).await;
    let _ = running.await;
    drop(ctx);
    drop(db);
}

fn main() {
    let secs = env_num("KINDRED_BENCH_FLOOD_SECS", 10);
    let export_rows = env_num("KINDRED_BENCH_EXPORT_ROWS", 500_000);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    println!(
        "{:<9} {:<50} {:>19} {:>13} {:>8}  note",
        "backend", "metric", "kindred", "raw db", "ratio"
    );
    rt.block_on(bench_backend(false, secs, export_rows));
    if std::env::var("KINDRED_TEST_POSTGRES_URL").is_ok() {
        rt.block_on(bench_backend(true, secs, export_rows));
    }
}
