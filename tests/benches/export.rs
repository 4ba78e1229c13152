//! Research export benchmark (issue 15): 2,000 consenting participants with 1,000,000
//! measurements and 100,000 questionnaire responses (900,000 answers). Measures a `csv` export
//! through the running server — from the request to `ready` — its rows per second and how much
//! the process's resident memory grows while it runs, against the database dumping the same
//! rows itself (`COPY … TO STDOUT` through `psql`; the `sqlite3` CLI's CSV mode).
//!
//! Not a test: it prints figures and ratios. `cargo bench -p kindred-tests --bench export`
//! (SQLite; PostgreSQL too when `KINDRED_TEST_POSTGRES_URL` is set). Smaller runs:
//! `KINDRED_BENCH_EXPORT_PARTICIPANTS`, `…_MEASUREMENTS`, `…_RESPONSES`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use kindred_tests::bench::{
    self, create_users, env_num, login, ratio, run_backends, BenchServer, Table,
};
use serde_json::{json, Value};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn exec(server: &BenchServer, sql: String) {
    server
        .pool
        .run(move |c| {
            diesel::sql_query(sql).execute(c).map(|_| ()).map_err(kindred_db::DbError::from)
        })
        .unwrap();
}

fn id_of(server: &BenchServer, sql: &str) -> String {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    let sql = sql.to_string();
    server
        .pool
        .run(move |c| diesel::sql_query(sql).load::<Row>(c).map_err(kindred_db::DbError::from))
        .unwrap()
        .remove(0)
        .id
}

/// Runs the raw dump of one query; returns the rows (lines) it wrote.
fn dump(server: &BenchServer, query: &str) -> u64 {
    let out = if server.postgres {
        Command::new("psql")
            .arg(server.url())
            .arg("-Atqc")
            .arg(format!("COPY ({query}) TO STDOUT WITH (FORMAT csv)"))
            .output()
    } else {
        let path = server.url().trim_start_matches("sqlite://").to_string();
        Command::new("sqlite3").arg("-csv").arg(path).arg(query).output()
    }
    .expect("run the database's own CLI (psql / sqlite3)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout.iter().filter(|b| **b == b'\n').count() as u64
}

async fn bench(postgres: bool, table: &Table) {
    let participants = env_num("KINDRED_BENCH_EXPORT_PARTICIPANTS", 2_000);
    let measurements = env_num("KINDRED_BENCH_EXPORT_MEASUREMENTS", 1_000_000);
    let responses = env_num("KINDRED_BENCH_EXPORT_RESPONSES", 100_000);
    let server = BenchServer::start(postgres, |_| {});
    let t = Instant::now();
    let mut users: Vec<(String, String, String)> = (0..participants)
        .map(|i| (format!("u{i:06}"), format!("p{i}@bench.example"), format!("p_{i}")))
        .collect();
    users.push(("researcher".into(), "r@bench.example".into(), "r_bench".into()));
    create_users(&server.pool, users).await;
    let (n, m, r) = (participants, measurements, responses);
    let series = |count: u64| {
        if postgres {
            format!("generate_series(0, {}) AS g(i)", count - 1)
        } else {
            format!("(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {}) SELECT i FROM s) AS g", count - 1)
        }
    };
    let pad = |e: &str, w: u32| {
        if postgres {
            format!("lpad(({e})::text, {w}, '0')")
        } else {
            format!("printf('%0{w}d', {e})")
        }
    };
    let at = |hours: &str| {
        if postgres {
            format!("(timestamp '2026-01-01 08:00:00' + ({hours}) * interval '1 hour')")
        } else {
            format!("datetime('2026-01-01 08:00:00', '+' || ({hours}) || ' hours')")
        }
    };
    exec(&server, "UPDATE users SET role = 'researcher' WHERE id = 'researcher'".into());
    exec(&server, "UPDATE users SET birth_year = 1950 + (length(id) * 7 % 40), country = 'GB' WHERE id <> 'researcher'".to_string());
    exec(&server, format!(
        "INSERT INTO measurements (id, user_id, type_slug, value1, value2, unit, taken_at, utc_offset_minutes, source, created_at, updated_at) \
         SELECT 'm' || {mid}, 'u' || {uid}, CASE WHEN i % 4 = 0 THEN 'blood_pressure' ELSE 'peak_flow' END, \
                300 + i % 200, CASE WHEN i % 4 = 0 THEN 80 ELSE NULL END, CASE WHEN i % 4 = 0 THEN 'mm[Hg]' ELSE 'L/min' END, \
                {t}, 0, 'manual', {t}, {t} FROM {s}",
        mid = pad("i", 9), uid = pad(&format!("i % {n}"), 6), t = at(&format!("i / {n}")), s = series(m)));
    let qid = id_of(&server, "SELECT id FROM questionnaires WHERE slug = 'phq-9'");
    let vid = id_of(&server, &format!("SELECT id FROM questionnaire_versions WHERE questionnaire_id = '{qid}' AND version = 1"));
    exec(&server, format!(
        "INSERT INTO responses (id, user_id, questionnaire_id, version_id, score, band, subscores, flags, submitted_at) \
         SELECT 'r' || {rid}, 'u' || {uid}, '{qid}', '{vid}', 9, 'mild', '{{}}', '[]', {t} FROM {s}",
        rid = pad("i", 9), uid = pad(&format!("i % {n}"), 6), t = at(&format!("i / {n} * 24")), s = series(r)));
    exec(
        &server,
        format!(
            "INSERT INTO response_items (id, response_id, user_id, item_key, value_number) \
         SELECT 'i' || {iid}, 'r' || {rid}, 'u' || {uid}, 'q' || (i % 9 + 1), 1 FROM {s}",
            iid = pad("i", 10),
            rid = pad("i / 9", 9),
            uid = pad(&format!("i / 9 % {n}"), 6),
            s = series(r * 9)
        ),
    );
    exec(&server, "INSERT INTO studies (id, owner_id, title, lay_summary, purpose, ethics_reference, data_from, data_to, ends_on, min_cohort, status, date_mode, created_at, updated_at, consent_text, consent_sha256) \
        VALUES ('study', 'researcher', 'Bench study', 'A study to measure how fast an export is written for the benchmark.', 'Measure export throughput.', 'IRB-1', '2026-01-01', '2026-12-31', '2099-01-01', 11, 'approved', 'relative', '2026-11-01 00:00:00', '2026-11-01 00:00:00', 'text', 'sha')".into());
    exec(&server, "INSERT INTO study_members (study_id, user_id, added_at) VALUES ('study', 'researcher', '2026-11-01 00:00:00')".into());
    let cats = [
        "demographics",
        "measurement:peak_flow",
        "measurement:blood_pressure",
        "questionnaire:phq-9",
    ];
    for (pos, c) in cats.iter().enumerate() {
        exec(&server, format!("INSERT INTO study_categories (study_id, category, reason, position) VALUES ('study', '{c}', 'bench', {pos})"));
    }
    let granted = serde_json::to_string(&cats).unwrap();
    exec(&server, format!(
        "INSERT INTO consent_events (id, study_id, user_id, seq, kind, version, categories, consent_sha256, created_at) \
         SELECT 'c' || {cid}, 'study', 'u' || {cid}, 1, 'granted', 1, '{granted}', 'sha', '2026-11-02 00:00:00' FROM {s}",
        cid = pad("i", 6), s = series(n)));
    if postgres {
        // What autovacuum does soon after a bulk load: statistics, and the visibility map that
        // lets the export's covering indexes answer without visiting the table.
        exec(&server, "VACUUM ANALYZE".into());
    }
    let seeded = t.elapsed();

    // Kindred: request, wait for ready, sampling this process's memory meanwhile.
    let client = reqwest::Client::new();
    let token = login(&client, &server.base, "r@bench.example").await;
    let before = rss_kib();
    let (peak, running) = (Arc::new(AtomicU64::new(before)), Arc::new(AtomicBool::new(true)));
    let sampler = {
        let (peak, running) = (peak.clone(), running.clone());
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let started = Instant::now();
    let e: Value = client
        .post(format!("{}/studies/study/exports", server.base))
        .bearer_auth(&token)
        .json(&json!({"format": "csv"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = e["id"].as_str().unwrap_or_else(|| panic!("{e}")).to_string();
    let url = format!("{}/exports/{id}", server.base);
    let every = Duration::from_millis(50);
    let done =
        bench::poll_until(&client, &url, &token, "status", &["ready", "failed"], every).await;
    let took = started.elapsed();
    running.store(false, Ordering::Relaxed);
    sampler.join().unwrap();
    assert_eq!(done["status"], "ready", "{done}");
    // The worker's own time (claim to ready): the request also waits for the worker's next poll.
    let t_of = |k: &str| chrono::DateTime::parse_from_rfc3339(done[k].as_str().unwrap()).unwrap();
    let worked = (t_of("finished_at") - t_of("started_at")).to_std().unwrap();
    let rows: u64 = done["manifest"]["row_counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let grew_mib = (peak.load(Ordering::Relaxed).saturating_sub(before)) as f64 / 1024.0;

    // The database itself, the same rows.
    let t = Instant::now();
    let raw_rows = dump(&server, "SELECT id, birth_year, country FROM users WHERE id <> 'researcher'")
        + dump(&server, "SELECT user_id, type_slug, taken_at, value1, value2, unit FROM measurements")
        + dump(&server, "SELECT id, user_id, questionnaire_id, version_id, submitted_at, score, band FROM responses")
        + dump(&server, "SELECT response_id, item_key, value_number, value_text FROM response_items");
    let raw = t.elapsed();
    let ours = rows as f64 / worked.as_secs_f64();
    let theirs = raw_rows as f64 / raw.as_secs_f64();
    let name = server.name;
    let note = format!(
        "{rows} rows, zip {:.1} MiB; seeded in {:.0} s",
        done["size_bytes"].as_f64().unwrap_or(0.0) / 1048576.0,
        seeded.as_secs_f64()
    );
    table.row(
        name,
        &format!("csv export, {n} participants"),
        &format!("{:.2} s", took.as_secs_f64()),
        &format!("{:.2} s", raw.as_secs_f64()),
        &ratio(took.as_secs_f64() / raw.as_secs_f64()),
        &note,
    );
    table.row(
        name,
        "rows/s",
        &format!("{ours:.0}"),
        &format!("{theirs:.0}"),
        &ratio(ours / theirs),
        "target ≥ 0.50",
    );
    table.row(
        name,
        "RSS growth during export",
        &format!("{grew_mib:.1} MiB"),
        "-",
        "-",
        "target < 64 MiB",
    );
    server.stop().await;
}

fn main() {
    // The export worker's per-file timings (debug) go to stderr.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("kindred_app::research=debug")
        .with_writer(std::io::stderr)
        .try_init();
    let table = Table { metric: 34, kindred: 12, raw: 12, ratio: 6, ms_decimals: 1 };
    run_backends(&table, |postgres| {
        let table = &table;
        async move { bench(postgres, table).await }
    });
}
