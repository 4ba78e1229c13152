//! Apple Health import (issue 18): upload the Health app's `export.zip`; a dry run reports per
//! type and date range; the import runs in the background, is idempotent, and bad files get a
//! clear 4xx with nothing stored.

use std::io::Write;

use kindred_tests::{spawn_app, TestApp};
use serde_json::Value;

/// An `export.xml` like the Health app writes.
pub fn export_xml(extra: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_GB">
 <ExportDate value="2026-02-01 09:00:00 +0000"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="64" startDate="2026-01-30 08:30:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="71" startDate="2026-01-31 08:30:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="lb" value="182.5" startDate="2026-01-31 07:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodGlucose" sourceName="Meter" unit="mmol&lt;180.1558800000541&gt;/L" value="5.4" startDate="2026-01-31 07:05:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Watch" unit="%" value="0.97" startDate="2026-01-31 03:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" value="128" startDate="2026-01-31 08:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Cuff" unit="mmHg" value="82" startDate="2026-01-31 08:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" value="4000" startDate="2026-01-31 09:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="900" startDate="2026-01-31 09:30:00 +0100"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" value="Asleep" startDate="2026-01-31 01:00:00 +0100"/>
{extra}</HealthData>
"#
    )
}

/// A zip holding `files` (name, content).
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Uploads `body` as the Health app's export; the status and JSON answer.
pub(crate) async fn upload(app: &TestApp, t: &str, query: &str, body: Vec<u8>) -> (u16, Value) {
    let res = app
        .client
        .post(app.api(&format!("/me/imports/apple-health{query}")))
        .bearer_auth(t)
        .header("content-type", "application/zip")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn wait_done(app: &TestApp, t: &str, id: &str) -> Value {
    for _ in 0..200 {
        let s: Value = app.get_authed(&format!("/me/imports/{id}"), t).await.json().await.unwrap();
        if s["state"] == "done" || s["state"] == "failed" {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {id} did not finish");
}

async fn stored(app: &TestApp, t: &str) -> usize {
    let list: Value = app.get_authed("/me/measurements?limit=200", t).await.json().await.unwrap();
    list["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_dry_run_reports_then_the_import_stores_once() {
    let app = spawn_app().await;
    let t = app.patient("apple").await;
    let other = app.patient("pear").await;
    let file = zip_of(&[("apple_health_export/export.xml", export_xml("").as_bytes())]);

    let (s, dry) = upload(&app, &t, "?dry_run=true", file.clone()).await;
    assert_eq!(s, 200, "{dry}");
    assert_eq!(dry["types"]["heart_rate"]["readings"], 2);
    assert_eq!(dry["types"]["heart_rate"]["implausible"], 1, "900 beats per minute");
    assert_eq!(dry["types"]["heart_rate"]["first"], "2026-01-30T07:30:00Z");
    assert_eq!(dry["types"]["heart_rate"]["last"], "2026-01-31T07:30:00Z");
    for ty in ["body_weight", "blood_glucose", "spo2", "blood_pressure", "steps"] {
        assert_eq!(dry["types"][ty]["readings"], 1, "{ty}: {dry}");
    }
    assert_eq!(dry["ignored"], 1, "the sleep record");
    assert_eq!(stored(&app, &t).await, 0, "a dry run stores nothing");

    let (s, queued) = upload(&app, &t, "", file.clone()).await;
    assert_eq!(s, 202, "{queued}");
    let id = queued["id"].as_str().unwrap().to_string();
    let done = wait_done(&app, &t, &id).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["progress_percent"], 100);
    assert_eq!((done["imported"].clone(), done["skipped"].clone()), (7.into(), 1.into()), "{done}");
    assert_eq!(stored(&app, &t).await, 7);
    let weight: Value =
        app.get_authed("/me/measurements?type=body_weight", &t).await.json().await.unwrap();
    assert_eq!(weight["items"][0]["value"], 82.78);
    assert_eq!(weight["items"][0]["source"], "import");
    let bp: Value =
        app.get_authed("/me/measurements?type=blood_pressure", &t).await.json().await.unwrap();
    assert_eq!(bp["items"][0]["components"]["systolic"], 128.0);

    // The same file again adds nothing.
    let (s, again) = upload(&app, &t, "", file).await;
    assert_eq!(s, 202);
    let done = wait_done(&app, &t, again["id"].as_str().unwrap()).await;
    assert_eq!((done["imported"].clone(), done["skipped"].clone()), (0.into(), 8.into()), "{done}");
    assert_eq!(stored(&app, &t).await, 7);

    // Someone else's import is not found; the upload file is gone once imported.
    assert_eq!(app.get_authed(&format!("/me/imports/{id}"), &other).await.status(), 404);
    let left: Vec<_> = std::fs::read_dir(app.data_dir.path().join("imports")).unwrap().collect();
    assert!(left.is_empty(), "uploads are deleted after the import");
}

#[tokio::test]
async fn bad_files_get_a_clear_4xx_and_nothing_is_stored() {
    let app = spawn_app().await;
    let t = app.patient("crab").await;
    let code = |v: &Value| v["errors"][0]["code"].as_str().unwrap_or_default().to_string();

    let (s, body) = upload(&app, &t, "", b"this is not a zip".to_vec()).await;
    assert_eq!((s, code(&body)), (422, "not_a_zip".into()), "{body}");
    let (s, body) = upload(&app, &t, "", zip_of(&[("notes.txt", b"hello")])).await;
    assert_eq!((s, code(&body)), (422, "no_export_xml".into()), "{body}");
    let broken = zip_of(&[("export.xml", b"<HealthData><Record type=\"x\"></HealthData>")]);
    let (s, body) = upload(&app, &t, "?dry_run=true", broken.clone()).await;
    assert_eq!((s, code(&body)), (422, "malformed_export".into()), "{body}");
    // In the background, the same file fails the import with the reason.
    let (s, queued) = upload(&app, &t, "", broken).await;
    assert_eq!(s, 202);
    let done = wait_done(&app, &t, queued["id"].as_str().unwrap()).await;
    assert_eq!(done["state"], "failed");
    assert!(done["error"].as_str().unwrap().contains("not well-formed"), "{done}");
    // A file cut short is malformed too.
    let xml = export_xml("");
    let cut = zip_of(&[("export.xml", &xml.as_bytes()[..xml.len() / 2])]);
    let (s, body) = upload(&app, &t, "?dry_run=true", cut).await;
    assert_eq!((s, code(&body)), (422, "malformed_export".into()), "{body}");
    // Wrong content type.
    let res = app
        .client
        .post(app.api("/me/imports/apple-health"))
        .bearer_auth(&t)
        .header("content-type", "text/csv")
        .body("a,b")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    // A declared size of 2 GB is refused before anything is read.
    let status = declared_2gb(&app, &t).await;
    assert_eq!(status, 413);
    assert_eq!(stored(&app, &t).await, 0);
    let left: Vec<_> = std::fs::read_dir(app.data_dir.path().join("imports")).unwrap().collect();
    assert!(left.is_empty(), "refused uploads leave no file");
}

/// Sends a request that declares a 2 GB body (and sends only a little): the answer's status.
async fn declared_2gb(app: &TestApp, token: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    let head = format!(
        "POST /api/v1/me/imports/apple-health HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/zip\r\n\
         Content-Length: 2000000000\r\n\r\nPK"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), s.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]).to_string();
    text.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn imports_are_mine_only() {
    let app = spawn_app().await;
    let t = app.patient("mole").await;
    let res = app.get_authed("/me/imports/00000000-0000-0000-0000-000000000000", &t).await;
    assert_eq!(res.status(), 404);
    let res = app
        .client
        .post(app.api("/me/imports/apple-health"))
        .header("content-type", "application/zip")
        .body(vec![1, 2, 3])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

/// Exports are big: an upload far above the JSON body limit (1 MiB) is accepted.
#[tokio::test]
async fn an_upload_of_several_megabytes_is_accepted() {
    let app = spawn_app().await;
    let t = app.patient("whale").await;
    // Stored uncompressed, so the upload itself is over 3 MiB.
    let padding = format!("<!-- {} -->\n", "x".repeat(3 * 1024 * 1024));
    let xml = export_xml(&padding);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("apple_health_export/export.xml", stored).unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    let body = w.finish().unwrap().into_inner();
    assert!(body.len() > 3 * 1024 * 1024);
    let (s, dry) = upload(&app, &t, "?dry_run=true", body).await;
    assert_eq!(s, 200, "{dry}");
    assert_eq!(dry["types"]["heart_rate"]["readings"], 2);
}

/// The member's one step total (one day in these files).
async fn step_total(app: &TestApp, t: &str) -> f64 {
    let list: Value = app.get_authed("/me/measurements?type=steps", t).await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "one total per day: {list}");
    list["items"][0]["value"].as_f64().unwrap()
}

#[tokio::test]
async fn a_later_export_raises_a_days_step_total_and_nothing_else() {
    let app = spawn_app().await;
    let t = app.patient("walker").await;
    let steps = |n: u32| {
        format!(
            " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Phone\" unit=\"count\" value=\"{n}\" startDate=\"2026-01-31 18:00:00 +0100\"/>\n"
        )
    };
    // At noon: 4,000 steps. In the evening the same day's export holds 2,500 more.
    let noon = zip_of(&[("export.xml", export_xml("").as_bytes())]);
    let evening = zip_of(&[("export.xml", export_xml(&steps(2500)).as_bytes())]);
    let (_, q) = upload(&app, &t, "", noon.clone()).await;
    wait_done(&app, &t, q["id"].as_str().unwrap()).await;
    assert_eq!(step_total(&app, &t).await, 4000.0);
    let (_, q) = upload(&app, &t, "", evening.clone()).await;
    let done = wait_done(&app, &t, q["id"].as_str().unwrap()).await;
    // Raised: the total. Skipped: the six readings stored before and the implausible one.
    assert_eq!((done["imported"].clone(), done["skipped"].clone()), (1.into(), 7.into()), "{done}");
    assert_eq!(step_total(&app, &t).await, 6500.0, "the larger total replaces the stored one");
    assert_eq!(stored(&app, &t).await, 7, "nothing else was added");
    // The noon export again does not lower it; the evening one again changes nothing.
    for file in [noon, evening] {
        let (_, q) = upload(&app, &t, "", file).await;
        let done = wait_done(&app, &t, q["id"].as_str().unwrap()).await;
        assert_eq!(done["imported"], 0, "{done}");
        assert_eq!(step_total(&app, &t).await, 6500.0);
    }
}
