//! Measurement benchmark: prints figures for Kindred's HTTP API beside the same work done
//! directly against the database, on the same machine in the same run, and their ratios.
//!
//! `make bench` (release build). Environment:
//! - `KINDRED_BENCH_ROWS` — rows of other patients for the summary test (default 10,000,000)
//! - `KINDRED_BENCH_SECS` — seconds per throughput run (default 5)
//! - `KINDRED_TEST_POSTGRES_URL` — also run on PostgreSQL when set
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use kindred_db::models::measurement::Measurement;
use kindred_db::queries::measurements::{self, SummaryBucket};
use kindred_db::DbPool;
use kindred_tests::bench::{self, env_num, median, ratio, BenchServer, Table};
use serde_json::{json, Value};

const CLIENTS: usize = 32;

const TABLE: Table = Table { metric: 46, kindred: 14, raw: 14, ratio: 7, ms_decimals: 2 };

fn raw_row(user_id: &str, i: u64) -> Measurement {
    let now = kindred_db::now_utc().naive_utc();
    Measurement {
        id: kindred_db::new_id(),
        user_id: user_id.into(),
        type_slug: "heart_rate".into(),
        value1: 60.0 + (i % 40) as f64,
        value2: None,
        unit: "/min".into(),
        taken_at: now - chrono::TimeDelta::seconds(i as i64),
        utc_offset_minutes: 0,
        source: "device".into(),
        client_id: None,
        note: None,
        created_at: now,
        updated_at: now,
        context: None,
    }
}

async fn bench_backend(postgres: bool, big_rows: u64, secs: u64) {
    let srv = BenchServer::start(postgres, |s| s.auth_rate_limit_per_minute = 100_000);
    let (name, base, pool) = (srv.name, srv.base.clone(), srv.pool.clone());
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap();

    // Patients, created directly (registration is not what is measured), then signed in.
    let ids: Vec<String> = (0..CLIENTS).map(|i| format!("bench-patient-{i}")).collect();
    let users = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), format!("p{i}@bench.org"), format!("p{i}")));
    bench::create_users(&pool, users.collect()).await;
    let mut tokens = Vec::new();
    for i in 0..CLIENTS {
        tokens.push(bench::login(&client, &base, &format!("p{i}@bench.org")).await);
    }

    // 1. Single POSTs, 32 concurrent clients.
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let tasks: Vec<_> = tokens
        .iter()
        .cloned()
        .map(|t| {
            let (client, url, done) = (client.clone(), format!("{base}/me/measurements"), done.clone());
            tokio::spawn(async move {
                let mut i = 0u64;
                while Instant::now() < deadline {
                    i += 1;
                    let body = json!({"type": "heart_rate", "value": 60 + i % 40, "taken_at": "2026-01-01T00:00:00Z", "client_id": format!("c{i}")});
                    let res = client.post(&url).bearer_auth(&t).json(&body).send().await.unwrap();
                    assert_eq!(res.status(), 201);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let api_rate = done.load(Ordering::Relaxed) as f64 / secs as f64;

    // Raw: 32 threads, each its own connection, one INSERT per transaction.
    let raw_done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let threads: Vec<_> = ids
        .iter()
        .cloned()
        .map(|uid| {
            let (url, raw_done) = (pool.url().clone(), raw_done.clone());
            std::thread::spawn(move || {
                let mut c = url.connect().unwrap();
                let mut i = 0;
                while Instant::now() < deadline {
                    i += 1;
                    kindred_db::write_tx(&mut c, |c| measurements::insert(c, &raw_row(&uid, i)))
                        .unwrap();
                    raw_done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let raw_rate = raw_done.load(Ordering::Relaxed) as f64 / secs as f64;
    TABLE.row(
        name,
        "single POST /me/measurements, 32 clients (/s)",
        &format!("{api_rate:.0}/s"),
        &format!("{raw_rate:.0}/s"),
        &ratio(api_rate / raw_rate),
        "target ≥ 0.40",
    );

    // 2. 1000-item batch latency.
    let mut api_times = Vec::new();
    for round in 0..7 {
        let items: Vec<Value> = (0..1000).map(|i| json!({"type": "steps", "value": i, "taken_at": format!("2025-{:02}-01T00:00:00Z", round + 1), "client_id": format!("b{round}-{i}")})).collect();
        let started = Instant::now();
        let res = client
            .post(format!("{base}/me/measurements/batch"))
            .bearer_auth(&tokens[0])
            .json(&json!({"items": items}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        res.bytes().await.unwrap();
        api_times.push(started.elapsed());
    }
    let mut raw_times = Vec::new();
    let p2 = pool.clone();
    let uid = ids[1].clone();
    let raw_times = tokio::task::spawn_blocking(move || {
        for _ in 0..7 {
            // The same statements Kindred issues: multi-row INSERTs in one transaction.
            let rows: Vec<_> = (0..1000).map(|i| raw_row(&uid, i)).collect();
            let started = Instant::now();
            p2.run(|c| kindred_db::write_tx(c, |c| measurements::insert_many(c, &rows))).unwrap();
            raw_times.push(started.elapsed());
        }
        raw_times
    })
    .await
    .unwrap();
    let (a, r) = (median(api_times), median(raw_times));
    TABLE.row(
        name,
        "1000-item batch, median latency",
        &TABLE.ms(a),
        &TABLE.ms(r),
        &ratio(r.as_secs_f64() / a.as_secs_f64()),
        "target < 100 ms; ratio = raw/kindred",
    );

    // 3. Summary over 5 years of daily readings for one patient.
    let target = ids[2].clone();
    let t2 = tokens[2].clone();
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let days: Vec<Value> = (0..1826)
        .map(|d| json!({"type": "heart_rate", "value": 60 + d % 30, "taken_at": format!("{}T07:30:00Z", start + chrono::TimeDelta::days(d)), "client_id": format!("d{d}")}))
        .collect();
    for chunk in days.chunks(1000) {
        let res = client
            .post(format!("{base}/me/measurements/batch"))
            .bearer_auth(&t2)
            .json(&json!({"items": chunk}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let measure = |client: reqwest::Client,
                   pool: DbPool,
                   target: String,
                   token: String,
                   base: String| async move {
        let url = format!("{base}/me/measurements/summary?type=heart_rate&bucket=day&from=2021-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        let mut api = Vec::new();
        for _ in 0..31 {
            let started = Instant::now();
            let body: Value =
                client.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            api.push(started.elapsed());
            assert_eq!(body["items"].as_array().unwrap().len(), 1826);
        }
        let raw = tokio::task::spawn_blocking(move || {
            let from =
                chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let to =
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let mut raw = Vec::new();
            for _ in 0..31 {
                let started = Instant::now();
                let rows = pool
                    .run(|c| {
                        measurements::summary(
                            c,
                            &target,
                            "heart_rate",
                            from,
                            to,
                            SummaryBucket::Day,
                        )
                    })
                    .unwrap();
                raw.push(started.elapsed());
                assert_eq!(rows.len(), 1826);
            }
            raw
        })
        .await
        .unwrap();
        (median(api), median(raw))
    };
    let (a0, r0) =
        measure(client.clone(), pool.clone(), target.clone(), t2.clone(), base.clone()).await;
    TABLE.row(
        name,
        "summary 5y daily (1,826 buckets), small table",
        &TABLE.ms(a0),
        &TABLE.ms(r0),
        &ratio(r0.as_secs_f64() / a0.as_secs_f64()),
        "target < 20 ms; ratio = raw/kindred",
    );

    // Grow the table with other patients' rows, generated inside the database.
    let started = Instant::now();
    let p3 = pool.clone();
    tokio::task::spawn_blocking(move || {
        p3.run(|c| {
            let users = if postgres {
                "INSERT INTO users (id, email, handle, handle_lower, role, status, visibility, notify_email, created_at, updated_at)
                   SELECT 'bench-u-' || i, 'bench' || i || '@example.org', 'bench' || i, 'bench' || i, 'patient', 'active', 'members', false, now(), now()
                   FROM generate_series(0, 999) i"
                    .to_string()
            } else {
                // A large page cache for the bulk load: the secondary indexes take random inserts.
                "PRAGMA cache_size = -1000000;
                 WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 999)
                 INSERT INTO users (id, email, handle, handle_lower, role, status, visibility, notify_email, created_at, updated_at)
                   SELECT 'bench-u-' || i, 'bench' || i || '@example.org', 'bench' || i, 'bench' || i, 'patient', 'active', 'members', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM s"
                    .to_string()
            };
            c.batch_execute(&users).map_err(kindred_db::DbError::from)?;
            // In chunks of a million rows, each its own transaction, so the WAL stays bounded.
            let chunk = 1_000_000u64;
            let mut lo = 1u64;
            while lo <= big_rows {
                let hi = (lo + chunk - 1).min(big_rows);
                let sql = if postgres {
                    format!(
                        "INSERT INTO measurements (id, user_id, type_slug, value1, value2, unit, taken_at, utc_offset_minutes, source, client_id, note, created_at, updated_at)
                           SELECT 'bench-m-' || lpad(i::text, 9, '0'), 'bench-u-' || (i % 1000), 'heart_rate', 60 + (i % 40), NULL, '/min',
                                  timestamp '2021-01-01' + make_interval(days => (i % 1826)::int, secs => (i % 86400)::int), 0, 'device', NULL, NULL, now(), now()
                           FROM generate_series({lo}, {hi}) i"
                    )
                } else {
                    format!(
                        "WITH RECURSIVE s(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM s WHERE i < {hi})
                         INSERT INTO measurements (id, user_id, type_slug, value1, value2, unit, taken_at, utc_offset_minutes, source, client_id, note, created_at, updated_at)
                           SELECT printf('bench-m-%09d', i), 'bench-u-' || (i % 1000), 'heart_rate', 60 + (i % 40), NULL, '/min',
                                  datetime('2021-01-01', '+' || (i % 1826) || ' days', '+' || (i % 86400) || ' seconds'), 0, 'device', NULL, NULL,
                                  '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM s"
                    )
                };
                c.batch_execute(&sql).map_err(kindred_db::DbError::from)?;
                lo = hi + 1;
            }
            c.batch_execute(if postgres { "ANALYZE measurements" } else { "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE" }).map_err(kindred_db::DbError::from)
        })
        .unwrap()
    })
    .await
    .unwrap();
    eprintln!("{name}: loaded {big_rows} other rows in {:.0} s", started.elapsed().as_secs_f64());
    let (a1, r1) = measure(client.clone(), pool.clone(), target, t2, base).await;
    TABLE.row(
        name,
        &format!("summary 5y daily, +{big_rows} other rows"),
        &TABLE.ms(a1),
        &TABLE.ms(r1),
        &ratio(r1.as_secs_f64() / a1.as_secs_f64()),
        &format!("growth vs small: {:.2}x", a1.as_secs_f64() / a0.as_secs_f64()),
    );
    // Stop the server and let its threads finish before the databases go away.
    drop(client);
    drop(pool);
    srv.stop().await;
}

fn main() {
    let big_rows = env_num("KINDRED_BENCH_ROWS", 10_000_000);
    let secs = env_num("KINDRED_BENCH_SECS", 5);
    bench::run_backends(&TABLE, |postgres| bench_backend(postgres, big_rows, secs));
}
