//! Exports: the whole story from consent to a de-identified zip to each member's data-access
//! log; no identifier or free text in any format; pseudonyms that never join two studies;
//! crash safety (an interrupted export is taken up again, never ready with a partial file,
//! given up after its attempts); two replicas never write one export twice; retention.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use kindred::{Application, Settings};
use kindred_tests::actors::{self, Actor};
use kindred_tests::{spawn_app_with, RecordingMailer, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::assert_problem;

/// The study's researchers, and the study.
pub struct World {
    pub admin: Actor,
    pub researcher: Actor,
    pub study: String,
    pub hash: String,
}

/// An approved study open to the asthma community asking for `categories`, with minimum
/// cohort `k`, approved with `date_mode`.
pub async fn world(app: &TestApp, categories: &[&str], k: i64, date_mode: &str) -> World {
    let admin = actors::admin(app).await;
    let researcher = actors::researcher(app, &admin).await;
    let study = study_of(app, &admin, &researcher, categories, k, date_mode).await;
    let (study, hash) = study;
    World { admin, researcher, study, hash }
}

async fn study_of(
    app: &TestApp,
    admin: &Actor,
    researcher: &Actor,
    categories: &[&str],
    k: i64,
    date_mode: &str,
) -> (String, String) {
    let mut body = super::study();
    body["categories"] = Value::Array(
        categories
            .iter()
            .map(|c| json!({"category": c, "reason": "Needed for the study."}))
            .collect(),
    );
    body["min_cohort"] = json!(k);
    body.as_object_mut().unwrap().remove("conditions");
    let res = app.request_as(researcher, Method::POST, "/studies", Some(&body)).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let res =
        app.request_as(researcher, Method::POST, &format!("/studies/{id}/submit"), None).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let res = app
        .request_as(
            admin,
            Method::POST,
            &format!("/studies/{id}/approve"),
            Some(&json!({"date_mode": date_mode})),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let s: Value = res.json().await.unwrap();
    (id, s["consent_sha256"].as_str().unwrap().to_string())
}

/// A member of the asthma community with asthma, born 1981 in GB, who tracked: peak flow
/// (`flow` L/min) on 1 and 4 May 2026 and once in 2025 (outside the window), blood pressure
/// on 2 May, one PHQ-9; every free-text field carries `marker`.
pub async fn member(app: &TestApp, flow: i64, marker: &str) -> Actor {
    let p = actors::patient(app).await;
    let ok = |s: reqwest::StatusCode, what: &str| assert!(s.is_success(), "{what}: {s}");
    ok(app.request_as(&p, Method::POST, "/communities/asthma/join", None).await.status(), "join");
    let res = app
        .request_as(&p, Method::PATCH, "/me", Some(&json!({"birth_year": 1981, "country": "GB"})))
        .await;
    ok(res.status(), "profile");
    let res = app
        .request_as(
            &p,
            Method::POST,
            "/me/conditions",
            Some(&json!({"condition": "asthma", "diagnosis_year": 2001, "status": "active"})),
        )
        .await;
    ok(res.status(), "condition");
    for (at, body) in [
        ("2026-05-01T08:00:00Z", json!({"type": "peak_flow", "value": flow})),
        ("2026-05-04T08:00:00Z", json!({"type": "peak_flow", "value": flow + 1})),
        ("2025-06-01T08:00:00Z", json!({"type": "peak_flow", "value": 777})),
        (
            "2026-05-02T08:00:00Z",
            json!({"type": "blood_pressure", "components": {"systolic": 121, "diastolic": 79}}),
        ),
    ] {
        let mut body = body;
        body["taken_at"] = json!(at);
        body["note"] = json!(format!("{marker} note"));
        let res = app.request_as(&p, Method::POST, "/me/measurements", Some(&body)).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
    let answers: serde_json::Map<String, Value> =
        (1..=9).map(|i| (format!("q{i}"), json!(1))).collect();
    let res = app
        .request_as(
            &p,
            Method::POST,
            "/questionnaires/phq-9/responses",
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    p
}

/// Passes the comprehension check (again, harmlessly) and consents to `cats`.
pub async fn consent(app: &TestApp, p: &Actor, w: &World, cats: &[&str]) {
    consent_to(app, p, &w.study, &w.hash, cats).await
}

async fn consent_to(app: &TestApp, p: &Actor, study: &str, hash: &str, cats: &[&str]) {
    let answers = json!({"answers": {
        "what_is_shared": "chosen_categories", "identity": "random_code", "withdrawing": "stops_future",
    }});
    let res = app.request_as(p, Method::POST, "/me/comprehension-check", Some(&answers)).await;
    assert_eq!(res.status(), 200);
    let res = app
        .request_as(
            p,
            Method::POST,
            &format!("/studies/{study}/consent"),
            Some(&json!({"categories": cats, "consent_text_sha256": hash})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
}

/// Asks for an export and waits until it is ready (or failed); returns it.
pub async fn export(app: &TestApp, researcher: &Actor, study: &str, format: &str) -> Value {
    let res = app
        .request_as(
            researcher,
            Method::POST,
            &format!("/studies/{study}/exports"),
            Some(&json!({"format": format})),
        )
        .await;
    assert_eq!(res.status(), 202, "{}", res.text().await.unwrap_or_default());
    let e: Value = res.json().await.unwrap();
    assert_eq!(e["status"], "queued");
    wait_done(app, researcher, e["id"].as_str().unwrap()).await
}

/// Polls an export until it is ready or failed (at most 60 s).
pub async fn wait_done(app: &TestApp, who: &Actor, id: &str) -> Value {
    for _ in 0..300 {
        let e: Value = app.get_as(who, &format!("/exports/{id}")).await.json().await.unwrap();
        if e["status"] == "ready" || e["status"] == "failed" {
            return e;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("export {id} did not finish within 60 s");
}

/// Downloads a ready export; checks its SHA-256 against the recorded one.
pub async fn download(app: &TestApp, who: &Actor, e: &Value) -> Vec<u8> {
    let res = app.get_as(who, &format!("/exports/{}/download", e["id"].as_str().unwrap())).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.bytes().await.unwrap().to_vec();
    assert_eq!(hex::encode(Sha256::digest(&bytes)), e["sha256"].as_str().unwrap());
    assert_eq!(bytes.len() as i64, e["size_bytes"].as_i64().unwrap());
    bytes
}

/// The zip's files by name, as text; checks each file against the manifest's SHA-256.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    let manifest: Value = serde_json::from_str(&out["manifest.json"]).unwrap();
    for (name, hash) in manifest["sha256"].as_object().unwrap() {
        let got = hex::encode(Sha256::digest(out[name].as_bytes()));
        assert_eq!(&got, hash.as_str().unwrap(), "{name}");
    }
    out
}

/// A CSV file's rows (header first).
pub fn rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Whether `number` stands in `text` as a value of its own (`,1981,`, `"1981-04-12"`), not as
/// four digits inside a random hex id or hash (`…a1981f…`, a UUID's `-1981-` group), which the
/// files hold plenty of.
fn holds_number(text: &str, number: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(number).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| b[i]);
        let after = b.get(at + number.len()).copied();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[test]
fn holds_number_finds_a_value_and_not_hex_digits() {
    assert!(holds_number("a,1981,b", "1981"));
    assert!(holds_number("{\"y\":1981}", "1981"));
    assert!(holds_number("\"1981-04-12\"", "1981"));
    assert!(!holds_number("\"3fa1981c\"", "1981"));
    assert!(!holds_number("4c3e-1981-8a2b", "1981"));
    assert!(!holds_number("19810", "1981"));
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

async fn data_access(app: &TestApp, p: &Actor) -> Vec<Value> {
    let res = app.get_as(p, "/me/data-access").await;
    assert_eq!(res.status(), 200);
    res.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_whole_story_from_consent_to_a_de_identified_export_and_each_members_log() {
    let app = spawn_app_with(|_| {}).await;
    let cats = [
        "demographics",
        "measurement:peak_flow",
        "measurement:blood_pressure",
        "questionnaire:phq-9",
    ];
    let w = world(&app, &cats, 11, "relative").await;

    // 12 eligible: 10 consent to everything, 1 to measurements only, 1 declines.
    let mut people = Vec::new();
    for i in 0..12 {
        people.push(member(&app, 300 + i * 10, &format!("CANARY{i}X")).await);
    }
    for p in &people[..10] {
        consent(&app, p, &w, &cats).await;
    }
    consent(&app, &people[10], &w, &["measurement:peak_flow", "measurement:blood_pressure"]).await;
    let decliner = &people[11];

    let cohort: Value = app
        .get_as(&w.researcher, &format!("/studies/{}/cohort", w.study))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cohort["eligible"]["at_least"], 11, "{cohort}");
    assert_eq!(cohort["consenting"]["at_least"], 11, "{cohort}");

    // Not ready yet: no download.
    let res = app
        .request_as(
            &w.researcher,
            Method::POST,
            &format!("/studies/{}/exports", w.study),
            Some(&json!({"format": "csv"})),
        )
        .await;
    assert_eq!(res.status(), 202);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/api/v1/exports/"));
    let first: Value = res.json().await.unwrap();
    let e = wait_done(&app, &w.researcher, first["id"].as_str().unwrap()).await;
    assert_eq!(e["status"], "ready", "{e}");
    assert_eq!(e["participants"], 11);
    let files = unzip(&download(&app, &w.researcher, &e).await);
    let names: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "README.txt",
            "conditions.csv",
            "manifest.json",
            "measurements.csv",
            "participants.csv",
            "questionnaire_items.csv",
            "questionnaire_responses.csv",
        ])
    );
    let manifest: Value = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert_eq!(manifest, e["manifest"], "the API shows the zip's manifest");
    // Granted by 10 < k = 11: left out for everyone, and the manifest says so.
    assert_eq!(manifest["suppressed_categories"], json!(["demographics", "questionnaire:phq-9"]));
    assert_eq!(manifest["date_mode"], "relative");
    assert_eq!(manifest["consent_snapshot"].as_array().unwrap().len(), 11);

    let participants = rows(&files["participants.csv"]);
    assert_eq!(participants[0], ["participant", "age_band", "country"]);
    let pseudonyms: BTreeSet<String> = column(&participants, "participant").into_iter().collect();
    assert_eq!(pseudonyms.len(), 11);
    assert!(
        column(&participants, "age_band").iter().all(String::is_empty),
        "demographics suppressed"
    );
    let snap: BTreeSet<String> = manifest["consent_snapshot"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["participant"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(snap, pseudonyms);

    let m = rows(&files["measurements.csv"]);
    assert_eq!(m[0], ["participant", "type", "day", "value", "value2", "unit"]);
    assert_eq!(m.len() - 1, 33, "11 × (2 peak flow + 1 blood pressure) inside the window");
    assert_eq!(manifest["row_counts"]["measurements.csv"], 33);
    let values: BTreeSet<String> = column(&m, "value").into_iter().collect();
    for i in 0..11 {
        assert!(values.contains(&(300 + i * 10).to_string()), "member {i}'s reading is exported");
    }
    assert!(!values.contains("410"), "the decliner's readings are not");
    assert!(!values.contains("777"), "nothing outside the window");
    let days: BTreeSet<String> = column(&m, "day").into_iter().collect();
    assert_eq!(
        days,
        BTreeSet::from(["0".into(), "1".into(), "3".into()]),
        "days since the first reading"
    );
    assert_eq!(
        rows(&files["questionnaire_responses.csv"]).len(),
        1,
        "PHQ-9 suppressed: header only"
    );
    assert_eq!(rows(&files["conditions.csv"]).len(), 1, "conditions not requested");

    // No identifier, no date, no free text anywhere.
    let all: String = files.values().cloned().collect();
    for p in &people {
        for needle in [&p.email, &p.handle, &p.id] {
            assert!(!all.contains(needle.as_str()), "{needle} leaked");
        }
    }
    assert!(!all.contains("CANARY"), "a note leaked");
    assert!(!all.contains("2026-05-0"), "a calendar date leaked in relative mode");

    // Each member's log lists exactly the exports that included them.
    for p in &people[..11] {
        let log = data_access(&app, p).await;
        assert_eq!(log.len(), 1, "{}", p.handle);
        assert_eq!(log[0]["export_id"], e["id"]);
        assert_eq!(log[0]["study_title"], "Pollen and peak flow");
        assert_eq!(log[0]["institution"], "University of Somewhere");
        assert_eq!(
            log[0]["categories"],
            json!(["measurement:peak_flow", "measurement:blood_pressure"])
        );
        assert_eq!(log[0]["days_of_data"], 3);
        assert_eq!(log[0]["expired"], false);
    }
    assert!(data_access(&app, decliner).await.is_empty());

    // One withdraws: the next export has 10 < k participants and is refused.
    let res = app
        .request_as(&people[3], Method::DELETE, &format!("/studies/{}/consent", w.study), None)
        .await;
    assert_eq!(res.status(), 204);
    let res = app
        .request_as(
            &w.researcher,
            Method::POST,
            &format!("/studies/{}/exports", w.study),
            Some(&json!({"format": "csv"})),
        )
        .await;
    let body = assert_problem(res, 409, "cohort_too_small").await;
    assert!(body["detail"].as_str().unwrap().contains("Fewer than 11"), "{body}");
    assert_eq!(data_access(&app, &people[3]).await.len(), 1, "past exports stay listed");

    // Every export is audited.
    let audit: Value = app
        .get_as(&w.admin, "/admin/audit?action=research.export_completed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
}

/// Everything the process logs from now on (debug and up), for looking for leaks.
fn capture_log() -> Arc<std::sync::Mutex<Vec<u8>>> {
    struct W(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for W {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Arc::new(std::sync::Mutex::new(Vec::new()));
    let for_writer = buf.clone();
    tracing_subscriber::fmt()
        .with_env_filter("debug")
        .with_ansi(false)
        .with_writer(move || W(for_writer.clone()))
        .try_init()
        .expect("this test process has no other subscriber");
    buf
}

#[tokio::test]
async fn no_identifier_or_free_text_reaches_any_format_and_fhir_has_the_right_shape() {
    let log = capture_log();
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let cats = [
        "demographics",
        "conditions",
        "measurement:peak_flow",
        "measurement:blood_pressure",
        "questionnaire:phq-9",
    ];
    let w = world(&app, &cats, 5, "relative").await;
    let mut people = Vec::new();
    for i in 0..5 {
        let p = member(&app, 400 + i, &format!("CANARY{i}Q")).await;
        // A post with a marker: posts never leave.
        consent(&app, &p, &w, &cats).await;
        people.push(p);
    }
    for format in ["csv", "ndjson", "fhir"] {
        let e = export(&app, &w.researcher, &w.study, format).await;
        assert_eq!(e["status"], "ready", "{e}");
        let files = unzip(&download(&app, &w.researcher, &e).await);
        let all: String = files.values().cloned().collect();
        for p in &people {
            for needle in [&p.email, &p.handle, &p.id] {
                assert!(!all.contains(needle.as_str()), "{format}: {needle} leaked");
            }
        }
        assert!(!all.contains("CANARY"), "{format}: a note leaked");
        assert!(!holds_number(&all, "1981"), "{format}: a birth year leaked");
        let manifest: Value = serde_json::from_str(&files["manifest.json"]).unwrap();
        assert_eq!(manifest["suppressed_categories"], json!([]));
        match format {
            "csv" => {
                let p = rows(&files["participants.csv"]);
                assert_eq!(column(&p, "age_band"), vec!["45-49"; 5]);
                assert_eq!(column(&p, "country"), vec!["GB"; 5]);
                let c = rows(&files["conditions.csv"]);
                assert_eq!(column(&c, "icd10"), vec!["J45"; 5]);
                let r = rows(&files["questionnaire_responses.csv"]);
                assert_eq!(r.len() - 1, 5);
                let items = rows(&files["questionnaire_items.csv"]);
                assert_eq!(items.len() - 1, 45, "9 answers each");
                let keys: BTreeSet<String> = column(&r, "response").into_iter().collect();
                assert!(
                    column(&items, "response").iter().all(|k| keys.contains(k)),
                    "items join responses"
                );
            }
            "ndjson" => {
                let lines: Vec<Value> = files["measurements.ndjson"]
                    .lines()
                    .map(|l| serde_json::from_str(l).unwrap())
                    .collect();
                assert_eq!(lines.len(), 15);
                assert!(lines.iter().all(|l| l["day"].is_i64() && l.get("at").is_none()));
            }
            _ => {
                let names: BTreeSet<&str> = files.keys().map(String::as_str).collect();
                for f in [
                    "Patient.ndjson",
                    "Observation.ndjson",
                    "QuestionnaireResponse.ndjson",
                    "Questionnaire.ndjson",
                    "Condition.ndjson",
                ] {
                    assert!(names.contains(f), "{f}");
                }
                let res = |f: &str| -> Vec<Value> {
                    files[f].lines().map(|l| serde_json::from_str(l).unwrap()).collect()
                };
                let patients = res("Patient.ndjson");
                assert_eq!(patients.len(), 5);
                assert!(
                    patients.iter().all(|p| p.as_object().unwrap().len() == 2),
                    "id and resourceType only"
                );
                let obs = res("Observation.ndjson");
                assert_eq!(obs.len(), 15);
                let bp: Vec<&Value> =
                    obs.iter().filter(|o| o["code"]["coding"][0]["code"] == "85354-9").collect();
                assert_eq!(bp.len(), 5, "blood pressure: one Observation each");
                assert_eq!(bp[0]["component"].as_array().unwrap().len(), 2);
                assert_eq!(
                    bp[0]["component"][0]["valueQuantity"]["system"],
                    "http://unitsofmeasure.org"
                );
                let qr = res("QuestionnaireResponse.ndjson");
                assert_eq!(qr.len(), 5);
                assert_eq!(res("Questionnaire.ndjson").len(), 1, "one version answered");
                crate::research::fhir::validate(&files);
            }
        }
    }
    let log = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(log.contains("export ready"), "the log was captured");
    for p in &people {
        for needle in [&p.email, &p.handle] {
            assert!(!log.contains(needle.as_str()), "{needle} is in the server's log");
        }
    }
    assert!(!log.contains("CANARY"), "a note is in the server's log");
}

#[tokio::test]
async fn two_studies_never_share_a_pseudonym_and_one_study_keeps_its_own() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let cats = ["measurement:peak_flow"];
    let a = world(&app, &cats, 5, "relative").await;
    let (b_study, b_hash) = study_of(&app, &a.admin, &a.researcher, &cats, 5, "absolute").await;
    for i in 0..5 {
        let p = member(&app, 500 + i, "CANARY").await;
        consent(&app, &p, &a, &cats).await;
        consent_to(&app, &p, &b_study, &b_hash, &cats).await;
    }
    let pseudonyms = |files: &BTreeMap<String, String>| -> BTreeSet<String> {
        column(&rows(&files["participants.csv"]), "participant").into_iter().collect()
    };
    let a1 = unzip(
        &download(&app, &a.researcher, &export(&app, &a.researcher, &a.study, "csv").await).await,
    );
    let a2 = unzip(
        &download(&app, &a.researcher, &export(&app, &a.researcher, &a.study, "csv").await).await,
    );
    let b = unzip(
        &download(&app, &a.researcher, &export(&app, &a.researcher, &b_study, "csv").await).await,
    );
    assert_eq!(pseudonyms(&a1).len(), 5);
    assert_eq!(pseudonyms(&a1), pseudonyms(&a2), "the same in every export of a study");
    assert!(pseudonyms(&a1).is_disjoint(&pseudonyms(&b)), "never the same across studies");
    // Study b was approved with absolute dates.
    let m = rows(&b["measurements.csv"]);
    assert_eq!(m[0][2], "at");
    assert!(column(&m, "at").contains(&"2026-05-01T08:00:00Z".to_string()));
}

/// A second server (a replica, or the same one after a restart) on the app's database and data
/// directory.
async fn replica(
    app: &TestApp,
    adjust: impl FnOnce(&mut Settings),
) -> actix_web::dev::ServerHandle {
    let env = kindred_tests::http::test_env(&app.db, app.data_dir.path());
    let mut settings = Settings::from_sources(&env).unwrap();
    adjust(&mut settings);
    let server =
        Application::build_with_mailer(settings, Arc::new(RecordingMailer::default())).unwrap();
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    handle
}

async fn queued(app: &TestApp, w: &World, format: &str) -> String {
    let res = app
        .request_as(
            &w.researcher,
            Method::POST,
            &format!("/studies/{}/exports", w.study),
            Some(&json!({"format": format})),
        )
        .await;
    assert_eq!(res.status(), 202);
    res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

async fn small_world(app: &TestApp) -> World {
    let cats = ["measurement:peak_flow"];
    let w = world(app, &cats, 5, "relative").await;
    for i in 0..5 {
        let p = member(app, 600 + i, "CANARY").await;
        consent(app, &p, &w, &cats).await;
    }
    w
}

fn claim_as_a_worker_that_crashes(app: &TestApp, at: chrono::NaiveDateTime) -> i32 {
    let claimed = app
        .pool
        .run(|c| kindred_db::queries::exports::claim(c, at, chrono::TimeDelta::seconds(1), 1))
        .unwrap();
    assert_eq!(claimed.len(), 1);
    claimed[0].attempts
}

#[tokio::test]
async fn an_export_interrupted_by_a_crash_is_written_again_and_never_ready_with_a_partial_file() {
    // This server writes no exports: the crashing worker and the restarted one are played by
    // the test and by a second server.
    let app = spawn_app_with(|s| {
        s.min_cohort = 5;
        s.export_worker = false;
    })
    .await;
    let w = small_world(&app).await;
    let id = queued(&app, &w, "csv").await;

    // A worker claims it, writes half a file, and dies.
    let attempt = claim_as_a_worker_that_crashes(&app, kindred_db::now_utc().naive_utc());
    assert_eq!(attempt, 1);
    let dir = app.data_dir.path().join("exports");
    let partial = dir.join(format!("{id}-a1.zip.part"));
    std::fs::write(&partial, b"PK\x03\x04 half a zip").unwrap();
    let e: Value = app.get_as(&w.researcher, &format!("/exports/{id}")).await.json().await.unwrap();
    assert_eq!(e["status"], "running");
    let res = app.get_as(&w.researcher, &format!("/exports/{id}/download")).await;
    assert_problem(res, 409, "export_not_ready").await;

    // After the restart, the lapsed lease lets the export be taken up again, from the start.
    let restarted = replica(&app, |s| s.export_lease = Duration::from_secs(1)).await;
    let e = wait_done(&app, &w.researcher, &id).await;
    assert_eq!(e["status"], "ready", "{e}");
    let files = unzip(&download(&app, &w.researcher, &e).await);
    assert_eq!(rows(&files["participants.csv"]).len(), 6);
    assert!(!partial.exists(), "the crashed attempt's partial file is gone");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec![format!("{id}-a2.zip")], "one complete file");
    restarted.stop(true).await;
}

#[tokio::test]
async fn an_export_interrupted_too_often_is_failed_not_left_running() {
    let app = spawn_app_with(|s| {
        s.min_cohort = 5;
        s.export_worker = false;
    })
    .await;
    let w = small_world(&app).await;
    let id = queued(&app, &w, "ndjson").await;
    // Three workers claim it in turn and each dies (their leases of 1 s lapse in between).
    let t0 = kindred_db::now_utc().naive_utc();
    for (i, at) in [t0, t0 + chrono::TimeDelta::seconds(2), t0 + chrono::TimeDelta::seconds(4)]
        .into_iter()
        .enumerate()
    {
        assert_eq!(claim_as_a_worker_that_crashes(&app, at), i as i32 + 1);
    }
    let restarted = replica(&app, |s| s.export_lease = Duration::from_secs(1)).await;
    let e = wait_done(&app, &w.researcher, &id).await;
    assert_eq!(e["status"], "failed", "{e}");
    assert!(e["error"].as_str().unwrap().contains("interrupted 3 times"), "{e}");
    assert!(e["sha256"].is_null());
    let res = app.get_as(&w.researcher, &format!("/exports/{id}/download")).await;
    assert_problem(res, 409, "export_not_ready").await;
    let notes: Value = app.get_as(&w.researcher, "/me/notifications").await.json().await.unwrap();
    assert!(
        notes["items"].as_array().unwrap().iter().any(|n| n["kind"] == "export_failed"),
        "{notes}"
    );
    restarted.stop(true).await;
}

#[tokio::test]
async fn two_replicas_never_write_one_export_twice() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let other = replica(&app, |_| {}).await;
    let w = small_world(&app).await;
    let mut ids = Vec::new();
    for f in ["csv", "ndjson", "fhir", "csv", "ndjson", "fhir"] {
        ids.push(queued(&app, &w, f).await);
    }
    for id in &ids {
        let e = wait_done(&app, &w.researcher, id).await;
        assert_eq!(e["status"], "ready", "{e}");
    }
    let rows = app
        .pool
        .run(|c| {
            let mut out = Vec::new();
            for id in &ids {
                out.push(kindred_db::queries::exports::find(c, id)?.unwrap());
            }
            Ok::<_, kindred_db::DbError>(out)
        })
        .unwrap();
    assert!(rows.iter().all(|e| e.attempts == 1), "each export claimed once");
    let audit: Value = app
        .get_as(&w.admin, "/admin/audit?action=research.export_completed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(audit["items"].as_array().unwrap().len(), 6, "each export completed once");
    let files = std::fs::read_dir(app.data_dir.path().join("exports")).unwrap().count();
    assert_eq!(files, 6, "one file each");
    other.stop(true).await;
}

#[tokio::test]
async fn downloads_resume_with_range_and_files_expire_after_retention() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let w = small_world(&app).await;
    let e = export(&app, &w.researcher, &w.study, "csv").await;
    let whole = download(&app, &w.researcher, &e).await;
    let id = e["id"].as_str().unwrap();
    let res = app
        .client
        .get(app.api(&format!("/exports/{id}/download")))
        .bearer_auth(&w.researcher.token)
        .header("Range", "bytes=10-")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 206);
    assert_eq!(res.bytes().await.unwrap().to_vec(), whole[10..].to_vec());

    // Retention: the file goes, the record and the manifest stay, and the log says expired.
    let files = kindred_app::research::exports::ExportFiles::new(app.data_dir.path()).unwrap();
    let later = kindred_db::now_utc().naive_utc() + chrono::TimeDelta::days(31);
    let n = app.pool.run(|c| kindred_app::research::exports::expire_due(c, &files, later)).unwrap();
    assert_eq!(n, 1);
    let e2: Value =
        app.get_as(&w.researcher, &format!("/exports/{id}")).await.json().await.unwrap();
    assert_eq!(e2["status"], "expired");
    assert_eq!(e2["manifest"], e["manifest"]);
    assert!(e2["download_url"].is_null());
    let res = app.get_as(&w.researcher, &format!("/exports/{id}/download")).await;
    assert_problem(res, 409, "export_expired").await;
    assert_eq!(std::fs::read_dir(app.data_dir.path().join("exports")).unwrap().count(), 0);
}

#[tokio::test]
async fn my_data_export_lists_my_data_access_and_erasure_stops_later_exports() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let w = small_world(&app).await;
    let sixth = member(&app, 650, "CANARY").await;
    consent(&app, &sixth, &w, &["measurement:peak_flow"]).await;
    let e = export(&app, &w.researcher, &w.study, "csv").await;
    assert_eq!(e["participants"], 6);

    let doc: Value = app.get_as(&sixth, "/me/export").await.json().await.unwrap();
    let mine = &doc["data"];
    let access = mine["data_access"].as_array().unwrap();
    assert_eq!(access.len(), 1, "{mine}");
    assert_eq!(access[0]["export_id"], e["id"]);
    assert_eq!(mine["consents"].as_array().unwrap().len(), 1);
    assert!(mine["comprehension_check"].as_array().is_some_and(|c| c.len() == 1), "{mine}");

    let res = app
        .request_as(
            &sixth,
            Method::DELETE,
            "/me",
            Some(&json!({"password": kindred_tests::http::PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 204);
    let next = export(&app, &w.researcher, &w.study, "csv").await;
    assert_eq!(next["participants"], 5, "an erased member's consent is withdrawn");
    // The first export's record and manifest stay as they were.
    let first: Value = app
        .get_as(&w.researcher, &format!("/exports/{}", e["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["manifest"]["participants"], 6);
}

/// Replaces each response key (random per export) by its order of first appearance, so two
/// exports of the same data compare equal.
fn normalise_response_keys(text: &str, column: usize) -> Vec<Vec<String>> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    rows(text)
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            if i > 0 {
                let n = seen.len();
                r[column] = format!("r{}", seen.entry(r[column].clone()).or_insert(n));
            }
            r
        })
        .collect()
}

#[tokio::test]
async fn the_files_are_the_same_whatever_the_batch_size_and_hold_only_granted_kinds() {
    let app = spawn_app_with(|s| {
        s.min_cohort = 5;
        s.export_worker = false;
    })
    .await;
    let cats = ["measurement:peak_flow", "measurement:blood_pressure", "questionnaire:phq-9"];
    let w = world(&app, &cats, 5, "relative").await;
    let mut people = Vec::new();
    for i in 0..6 {
        people.push(member(&app, 400 + i * 10, "CANARY").await);
    }
    for p in &people[..5] {
        consent(&app, p, &w, &cats).await;
    }
    // One member grants peak flow only: read in a batch with the others, their blood pressure
    // must stay out.
    consent(&app, &people[5], &w, &["measurement:peak_flow"]).await;
    // One member has more rows than a small batch holds: read alone, in chunks.
    let heavy = &people[0];
    for day in 10..15 {
        let body = json!({"type": "peak_flow", "value": 500 + day,
                          "taken_at": format!("2026-05-{day}T08:00:00Z")});
        let res = app.request_as(heavy, Method::POST, "/me/measurements", Some(&body)).await;
        assert_eq!(res.status(), 201);
    }
    let answers: serde_json::Map<String, Value> =
        (1..=9).map(|i| (format!("q{i}"), json!(2))).collect();
    let res = app
        .request_as(
            heavy,
            Method::POST,
            "/questionnaires/phq-9/responses",
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    assert_eq!(res.status(), 201);

    // The same study exported twice: by a worker with the default batches, then by one that
    // reads 7 measurements (and 1 response) per query.
    let mut exports = Vec::new();
    for batch_rows in [kindred_app::research::export_writer::BATCH_ROWS, 7] {
        let worker = replica(&app, |s| s.export_batch_rows = batch_rows).await;
        let id = queued(&app, &w, "csv").await;
        let e = wait_done(&app, &w.researcher, &id).await;
        assert_eq!(e["status"], "ready", "{e}");
        worker.stop(true).await;
        exports.push(unzip(&download(&app, &w.researcher, &e).await));
    }
    let (a, b) = (&exports[0], &exports[1]);
    for file in ["participants.csv", "measurements.csv"] {
        assert_eq!(a[file], b[file], "{file}");
    }
    assert_eq!(
        normalise_response_keys(&a["questionnaire_responses.csv"], 0),
        normalise_response_keys(&b["questionnaire_responses.csv"], 0)
    );
    assert_eq!(
        normalise_response_keys(&a["questionnaire_items.csv"], 0),
        normalise_response_keys(&b["questionnaire_items.csv"], 0)
    );

    // What the files hold: 5 × 3 + 5 more for the heavy member + 2 peak flows of the sixth.
    let m = rows(&b["measurements.csv"]);
    assert_eq!(m.len() - 1, 22, "{m:?}");
    assert_eq!(rows(&b["questionnaire_responses.csv"]).len() - 1, 6);
    assert_eq!(rows(&b["questionnaire_items.csv"]).len() - 1, 54);
    let manifest: Value = serde_json::from_str(&b["manifest.json"]).unwrap();
    let only_flow: Vec<&str> = manifest["consent_snapshot"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["categories"] == json!(["measurement:peak_flow"]))
        .map(|s| s["participant"].as_str().unwrap())
        .collect();
    assert_eq!(only_flow.len(), 1, "{manifest}");
    let theirs: Vec<&Vec<String>> = m.iter().filter(|r| r[0] == only_flow[0]).collect();
    assert_eq!(theirs.len(), 2, "{m:?}");
    assert!(theirs.iter().all(|r| r[1] == "peak_flow"), "{theirs:?}");
    let answered: BTreeSet<String> =
        column(&rows(&b["questionnaire_responses.csv"]), "participant").into_iter().collect();
    assert!(!answered.contains(only_flow[0]), "a response of a member who did not grant it");
    // Each member's rows stay together, in the file's participant order.
    let order: Vec<String> = column(&rows(&b["participants.csv"]), "participant");
    let mut seen: Vec<String> = column(&m, "participant");
    seen.dedup();
    assert_eq!(seen, order);
}

#[tokio::test]
async fn multiple_choice_answers_leave_with_their_choices_and_free_text_never_does() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let admin = actors::admin(&app).await;
    let meta = json!({"slug": "symptom-list", "title": "Symptom list", "description": "Test",
                      "licence": "Test", "recommended_interval_days": 7});
    let res = app.request_as(&admin, Method::POST, "/questionnaires", Some(&meta)).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let def = json!({
        "items": [
            {"key": "hours", "text": "Hours slept", "type": "integer", "min": 0, "max": 24},
            {"key": "note", "text": "Anything else?", "type": "text", "required": false, "scored": false},
            {"key": "tags", "text": "Symptoms", "type": "multi_choice", "required": false,
             "options": [{"value": 1, "label": "cough"}, {"value": 2, "label": "wheeze"}, {"value": 4, "label": "tired"}]}
        ],
        "scoring": {"method": "sum", "items": ["hours"]}
    });
    let res = app
        .request_as(
            &admin,
            Method::POST,
            "/questionnaires/symptom-list/versions",
            Some(&json!({"definition": def})),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let res = app
        .request_as(&admin, Method::POST, "/questionnaires/symptom-list/versions/1/publish", None)
        .await;
    assert_eq!(res.status(), 204);

    let cats = ["questionnaire:symptom-list"];
    let w = world(&app, &cats, 5, "relative").await;
    for i in 0..5 {
        let p = member(&app, 500 + i, "CANARY").await;
        consent(&app, &p, &w, &cats).await;
        let answers = json!({"hours": 6 + i, "note": "CANARY told my boss", "tags": [1, 4]});
        let res = app
            .request_as(
                &p,
                Method::POST,
                "/questionnaires/symptom-list/responses",
                Some(&json!({"version": 1, "answers": answers})),
            )
            .await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
    for format in ["csv", "ndjson", "fhir"] {
        let e = export(&app, &w.researcher, &w.study, format).await;
        assert_eq!(e["status"], "ready", "{e}");
        let files = unzip(&download(&app, &w.researcher, &e).await);
        let all: String = files.values().cloned().collect();
        assert!(!all.contains("CANARY"), "{format}: a free-text answer left");
        if format == "csv" {
            let items = rows(&files["questionnaire_items.csv"]);
            let tags: Vec<&Vec<String>> = items.iter().filter(|r| r[1] == "tags").collect();
            assert_eq!(tags.len(), 5, "{items:?}");
            assert!(tags.iter().all(|r| r[2] == "5" && r[3] == "[1.0,4.0]"), "{tags:?}");
            assert_eq!(items.iter().filter(|r| r[1] == "hours").count(), 5);
            assert_eq!(items.iter().filter(|r| r[1] == "note").count(), 0, "{items:?}");
        }
    }
}
