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
use kindred_db::queries::measurements::{self, ListFilter};
use kindred_db::DbPool;
use kindred_tests::bench::{self, env_num, join_all, login, pct, timed, BenchServer, Lat, Table};
use kindred_tests::http::PASSWORD;
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

const TABLE: Table = Table { metric: 50, kindred: 19, raw: 13, ratio: 8, ms_decimals: 1 };

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT MET"
    }
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

/// What the sign-in flood got.
#[derive(Default)]
struct Flood {
    ok: Vec<Duration>,
    unavailable: u64,
    other: u64,
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

fn email(id: &str) -> String {
    format!("{id}@bench.org")
}

/// The bench's accounts, created directly (registration is not what is measured).
async fn create_users(pool: &DbPool) {
    let ids = [READER, FLOOD, EXPORTER, WRITER];
    bench::create_users(pool, ids.map(|id| (id.into(), email(id), id.into())).to_vec()).await;
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
    TABLE.row(
        name,
        "A: GET /me/measurements?limit=50, 16 readers",
        &format!("{a_rate:.0}/s"),
        &format!("{raw_rate:.0}/s"),
        &format!("{:.2}", a_rate / raw_rate),
        &format!("ratio = kindred/raw; {} errors", a.errors),
    );
    TABLE.row(
        name,
        "A: read p50 / p99",
        &format!("{} / {}", TABLE.ms(a.p(50.0)), TABLE.ms(a.p(99.0))),
        "",
        "",
        "",
    );
    TABLE.row(
        name,
        "B: same readers + 32 clients POST /auth/login",
        &format!("{b_rate:.0}/s"),
        "",
        "",
        &format!("{} errors", b.errors),
    );
    TABLE.row(
        name,
        "B: read p50 / p99",
        &format!("{} / {}", TABLE.ms(b.p(50.0)), TABLE.ms(b.p(99.0))),
        "",
        "",
        "",
    );
    TABLE.row(
        name,
        "B: sign-ins 200 /s (p50 / p99)",
        &format!("{:.1}/s", flood.ok.len() as f64 / s),
        "",
        "",
        &format!("p50 {} / p99 {}", TABLE.ms(pct(&flood.ok, 50.0)), TABLE.ms(pct(&flood.ok, 99.0))),
    );
    TABLE.row(
        name,
        "B: sign-ins answered 503 (queue full) / other",
        &format!("{} / {}", flood.unavailable, flood.other),
        "",
        "",
        "503 = hashing queue full, Retry-After",
    );
    TABLE.row(
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
    TABLE.row(
        name,
        "reads kept under flood (B/A reads/s)",
        &format!("{:.0} %", kept * 100.0),
        "",
        &format!("{kept:.2}"),
        &format!("target ≥ 60 %: {}", verdict(kept >= 0.60)),
    );
    let growth = b.p(99.0).as_secs_f64() / a.p(99.0).as_secs_f64();
    TABLE.row(
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
    TABLE.row(
        name,
        &format!("GET /me/export, {rows} readings: time"),
        &format!("{:.2} s", export_time.as_secs_f64()),
        &format!("{:.2} s", raw_time.as_secs_f64()),
        "",
        &format!("{:.1} MiB streamed", bytes as f64 / 1024.0 / 1024.0),
    );
    TABLE.row(
        name,
        "export rows/s (raw = paged SELECT in a snapshot)",
        &format!("{export_rate:.0}/s"),
        &format!("{raw_rate:.0}/s"),
        &format!("{:.2}", export_rate / raw_rate),
        "ratio = export/raw",
    );
    let growth = rss_peak.saturating_sub(rss_before);
    TABLE.row(
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
    TABLE.row(
        name,
        "8 other clients, no export: p50 / p99",
        &format!("{} / {}", TABLE.ms(base_all.p(50.0)), TABLE.ms(base_all.p(99.0))),
        "",
        "",
        &format!(
            "{} requests in {BASELINE_SECS} s, {} non-2xx",
            base_all.ok.len() + base_all.errors as usize,
            base_all.errors
        ),
    );
    TABLE.row(
        name,
        "8 other clients during export: p50 / p99",
        &format!("{} / {}", TABLE.ms(during.p(50.0)), TABLE.ms(during.p(99.0))),
        "",
        &format!("{:.2}", during.p(99.0).as_secs_f64() / base_all.p(99.0).as_secs_f64()),
        &format!(
            "ratio = p99 during/baseline; target p99 < 200 ms and 0 errors: {}",
            verdict(during.p(99.0) < Duration::from_millis(200) && during.errors == 0)
        ),
    );
    TABLE.row(
        name,
        "  of which POST /me/measurements: p50 / p99",
        &format!("{} / {}", TABLE.ms(during_w.p(50.0)), TABLE.ms(during_w.p(99.0))),
        "",
        "",
        &format!("{} ok, {} non-2xx", during_w.ok.len(), during_w.errors),
    );
    TABLE.row(
        name,
        "  of which GET /me/measurements: p50 / p99",
        &format!("{} / {}", TABLE.ms(during_r.p(50.0)), TABLE.ms(during_r.p(99.0))),
        "",
        "",
        &format!("{} ok, {} non-2xx", during_r.ok.len(), during_r.errors),
    );
}

async fn bench_backend(postgres: bool, secs: u64, export_rows: u64) {
    // The per-IP limiter out of the way: the flood comes from one address. Hash concurrency
    // and queue stay at their defaults.
    let srv = BenchServer::start(postgres, |settings| {
        settings.auth_rate_limit_per_minute = 1_000_000;
        println!(
            "{:<9} -- {} cores, workers {}, db pool {}, hash concurrency {}, hash queue {}, \
             auth limit {}/min",
            if postgres { "postgres" } else { "sqlite" },
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            settings.workers,
            settings.db_pool_size,
            settings.hash_concurrency,
            settings.hash_queue,
            settings.auth_rate_limit_per_minute
        );
    });
    let (name, base, pool) = (srv.name, srv.base.clone(), srv.pool.clone());
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
    drop(ctx);
    srv.stop().await;
}

fn main() {
    let secs = env_num("KINDRED_BENCH_FLOOD_SECS", 10);
    let export_rows = env_num("KINDRED_BENCH_EXPORT_ROWS", 500_000);
    bench::run_backends(&TABLE, |postgres| bench_backend(postgres, secs, export_rows));
}
