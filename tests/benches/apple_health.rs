//! Apple Health import benchmark: generates an `export.zip` of 1,000,000 records (the size of a
//! few years of a watch's heart rate), uploads it, waits for the background import and prints
//! the rate in records per second and the process's peak memory, beside the raw database
//! storing the same readings with multi-row INSERTs, and their ratio.
//!
//! `make bench`. Environment: `KINDRED_BENCH_RECORDS` (default 1,000,000);
//! `KINDRED_TEST_POSTGRES_URL` — also run on PostgreSQL when set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::{Duration, Instant};

use kindred_db::models::measurement::Measurement;
use kindred_tests::bench::{self, env_num, ratio, BenchServer, Table};
use serde_json::Value;

const TABLE: Table = Table { metric: 44, kindred: 14, raw: 14, ratio: 7, ms_decimals: 0 };

/// Peak resident memory of this process (server included), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Writes the export: heart rate every minute, a blood pressure pair, a weight and a glucose
/// reading every few hours, step counts every 10 minutes. Returns (zip bytes, records, the
/// readings an import stores).
fn make_export(records: u64) -> (Vec<u8>, u64, u64) {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("apple_health_export/export.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_GB\">\n")
        .unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let (mut n, mut minute, mut stored, mut days) = (0u64, 0i64, 0u64, 0i64);
    while n < records {
        let t = start + chrono::TimeDelta::minutes(minute);
        let at = t.format("%Y-%m-%d %H:%M:%S +0000");
        let mut line = format!(
            " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\" unit=\"count/min\" value=\"{}\" startDate=\"{at}\" endDate=\"{at}\"/>\n",
            55 + minute % 40
        );
        n += 1;
        stored += 1;
        if minute % 10 == 0 {
            line.push_str(&format!(" <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Phone\" unit=\"count\" value=\"{}\" startDate=\"{at}\"/>\n", 20 + minute % 50));
            n += 1;
        }
        if minute % 240 == 0 {
            line.push_str(&format!(" <Record type=\"HKQuantityTypeIdentifierBloodPressureSystolic\" sourceName=\"Cuff\" unit=\"mmHg\" value=\"{}\" startDate=\"{at}\"/>\n <Record type=\"HKQuantityTypeIdentifierBloodPressureDiastolic\" sourceName=\"Cuff\" unit=\"mmHg\" value=\"80\" startDate=\"{at}\"/>\n <Record type=\"HKQuantityTypeIdentifierBodyMass\" sourceName=\"Scale\" unit=\"kg\" value=\"{}\" startDate=\"{at}\"/>\n <Record type=\"HKQuantityTypeIdentifierBloodGlucose\" sourceName=\"Meter\" unit=\"mg/dL\" value=\"{}\" startDate=\"{at}\"/>\n", 115 + minute % 20, 80.0 + (minute % 7) as f64 / 10.0, 90 + minute % 60));
            n += 4;
            stored += 3;
        }
        if minute % 1440 == 0 {
            days += 1;
        }
        w.write_all(line.as_bytes()).unwrap();
        minute += 1;
    }
    w.write_all(b"</HealthData>\n").unwrap();
    let bytes = w.finish().unwrap().into_inner();
    (bytes, n, stored + days as u64)
}

async fn bench_backend(postgres: bool, records: u64) {
    let srv = BenchServer::start(postgres, |s| s.auth_rate_limit_per_minute = 100_000);
    let (name, base, pool) = (srv.name, srv.base.clone(), srv.pool.clone());
    let client = reqwest::Client::new();
    bench::create_users(&pool, vec![("bench-ah".into(), "ah@bench.org".into(), "ah".into())]).await;
    let token = bench::login(&client, &base, "ah@bench.org").await;
    let (zip, n, readings) =
        tokio::task::spawn_blocking(move || make_export(records)).await.unwrap();
    let rss_before = peak_rss_mib();

    let started = Instant::now();
    let res = client
        .post(format!("{base}/me/imports/apple-health"))
        .bearer_auth(&token)
        .header("content-type", "application/zip")
        .body(zip.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let url = format!("{base}/me/imports/{id}");
    let every = Duration::from_millis(200);
    let status =
        bench::poll_until(&client, &url, &token, "state", &["done", "failed"], every).await;
    let took = started.elapsed();
    assert_eq!(status["state"], "done", "{status}");
    let imported = status["imported"].as_i64().unwrap() as u64;
    let rate = n as f64 / took.as_secs_f64();

    // Raw: the same number of readings, multi-row INSERTs of 1000 in one transaction each.
    let p2 = pool.clone();
    let raw = tokio::task::spawn_blocking(move || {
        let now = kindred_db::now_utc().naive_utc();
        let started = Instant::now();
        let mut left = imported;
        let mut i = 0i64;
        while left > 0 {
            let k = left.min(1000);
            let rows: Vec<Measurement> = (0..k)
                .map(|_| {
                    i += 1;
                    Measurement {
                        id: kindred_db::new_id(),
                        user_id: "bench-ah".into(),
                        type_slug: "heart_rate".into(),
                        value1: 60.0,
                        value2: None,
                        unit: "/min".into(),
                        taken_at: now - chrono::TimeDelta::minutes(i),
                        utc_offset_minutes: 0,
                        source: "import".into(),
                        client_id: Some(format!("raw-{i}")),
                        note: None,
                        created_at: now,
                        updated_at: now,
                        context: None,
                    }
                })
                .collect();
            p2.run(|c| {
                kindred_db::write_tx(c, |c| {
                    kindred_db::queries::measurements::insert_many(c, &rows)
                })
            })
            .unwrap();
            left -= k;
        }
        started.elapsed()
    })
    .await
    .unwrap();
    let raw_rate = n as f64 / raw.as_secs_f64();
    TABLE.row(
        name,
        &format!("Apple Health import, {n} records ({imported} stored)"),
        &format!("{rate:.0} rec/s"),
        &format!("{raw_rate:.0} rec/s"),
        &ratio(rate / raw_rate),
        &format!("{:.1} s; raw = INSERTs of the stored readings only", took.as_secs_f64()),
    );
    let rss_after = peak_rss_mib();
    TABLE.row(
        name,
        "peak RSS of the process (MiB)",
        &format!("{rss_after:.0} MiB"),
        &format!("{rss_before:.0} MiB"),
        &ratio(rss_after / rss_before.max(1.0)),
        &format!(
            "before the upload: {rss_before:.0} MiB (zip {:.0} MiB in memory)",
            zip.len() as f64 / 1048576.0
        ),
    );
    assert_eq!(imported, readings, "every plausible reading stored once");
    srv.stop().await;
}

fn main() {
    let records = env_num("KINDRED_BENCH_RECORDS", 1_000_000);
    bench::run_backends(&TABLE, |postgres| bench_backend(postgres, records));
}
