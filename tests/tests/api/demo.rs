//! `kindred seed demo`: believable data, one login per role, idempotent, never on `serve`.
//!
//! A refused sign-in (401) proves nothing by itself: it is also the answer to a wrong password
//! or a misspelt address. So "no demo accounts" is checked in the database, and every 401 here
//! is paired with the same request answering 200 once the demo exists.

use std::io::Read;

use clap::Parser;
use diesel::prelude::*;
use kindred_tests::spawn_app;
use kindred_tests::TestApp;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::assert_problem;

const DEMO_PASSWORD: &str = kindred::demo::DEFAULT_PASSWORD;
const MARIA: &str = "maria@demo.kindred.example";
/// The printed logins' labels (sorted): an administrator, an applicant, a moderator, three
/// patients and a researcher.
const ROLES: [&str; 7] =
    ["admin", "applicant", "moderator", "patient", "patient", "patient", "researcher"];
/// Quiet members (not printed one by one) who fill the study's cohort with Maria: k − 1.
const QUIET: i64 = 10;
/// Every demo account: the printed ones and the quiet members.
const DEMO_ACCOUNTS: i64 = ROLES.len() as i64 + QUIET;
/// The demo study's title.
const STUDY: &str = "Home blood pressure in the first months of treatment";

async fn seed(
    app: &TestApp,
    extra: &[(&str, &str)],
) -> anyhow::Result<(String, std::process::ExitCode)> {
    let env: Vec<(String, String)> = kindred_tests::http::test_env(&app.db, app.data_dir.path())
        .into_iter()
        .chain(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();
    tokio::task::spawn_blocking(move || {
        let cli = kindred::cli::Cli::try_parse_from(["kindred", "seed", "demo"]).unwrap();
        let mut out = Vec::new();
        let code = kindred::cli::execute(cli, &env, &mut out, &mut std::io::empty())?;
        Ok((String::from_utf8(out).unwrap(), code))
    })
    .await
    .unwrap()
}

/// Maria's blood pressure summary by month, all time.
async fn bp_months(app: &TestApp, token: &str) -> Value {
    let res = app
        .get_authed(
            "/me/measurements/summary?type=blood_pressure&bucket=month&from=2000-01-01T00:00:00Z",
            token,
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Row counts of what the seed writes: demo accounts (by address), all accounts,
/// measurements, questionnaire responses, member conditions, `demo.account_created` audit
/// events, and the world around them (memberships, moderators, threads, posts, reports,
/// researcher applications, studies, consent events, exports, data-access rows, queued
/// mail, notifications and every audit event).
#[derive(Debug, PartialEq, Eq)]
struct Rows {
    demo_users: i64,
    users: i64,
    measurements: i64,
    responses: i64,
    user_conditions: i64,
    demo_audit: i64,
    memberships: i64,
    moderators: i64,
    threads: i64,
    posts: i64,
    reports: i64,
    applications: i64,
    studies: i64,
    consent_events: i64,
    exports: i64,
    data_access: i64,
    outbox: i64,
    notifications: i64,
    audit: i64,
}

fn rows(app: &TestApp) -> Rows {
    app.pool
        .run(|c| {
            use kindred_db::schema::*;
            Ok::<_, kindred_db::DbError>(Rows {
                demo_users: users::table
                    .filter(users::email.like("%@demo.kindred.example"))
                    .count()
                    .get_result(c)?,
                users: users::table.count().get_result(c)?,
                measurements: measurements::table.count().get_result(c)?,
                responses: responses::table.count().get_result(c)?,
                user_conditions: user_conditions::table.count().get_result(c)?,
                demo_audit: audit_events::table
                    .filter(audit_events::action.eq("demo.account_created"))
                    .count()
                    .get_result(c)?,
                memberships: community_members::table.count().get_result(c)?,
                moderators: community_moderators::table.count().get_result(c)?,
                threads: threads::table.count().get_result(c)?,
                posts: posts::table.count().get_result(c)?,
                reports: reports::table.count().get_result(c)?,
                applications: researcher_applications::table.count().get_result(c)?,
                studies: studies::table.count().get_result(c)?,
                consent_events: consent_events::table.count().get_result(c)?,
                exports: exports::table.count().get_result(c)?,
                data_access: data_access::table.count().get_result(c)?,
                outbox: outbox::table.count().get_result(c)?,
                notifications: notifications::table.count().get_result(c)?,
                audit: audit_events::table.count().get_result(c)?,
            })
        })
        .unwrap()
}

/// The password and the `(role, email)` logins the seed printed (panics when the password
/// line is missing).
fn printed_logins(out: &str) -> (String, Vec<(String, String)>) {
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Demo logins (password for all: "))
        .and_then(|rest| rest.strip_suffix("):"))
        .unwrap_or_else(|| panic!("no password line: {out}"))
        .to_string();
    let logins = out
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let (role, email) = (words.next()?, words.next()?);
            email.ends_with("@demo.kindred.example").then(|| (role.to_string(), email.to_string()))
        })
        .collect();
    (password, logins)
}

/// `POST /auth/login`, whatever it answers.
async fn try_login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post("/auth/login", &json!({"email": email, "password": password})).await
}

/// Every printed login signs in (200) with the printed password, as the platform role its
/// label stands for (a moderator and an applicant are members), verified; one login per
/// expected role.
async fn assert_printed_logins_sign_in(app: &TestApp, out: &str) {
    let (password, logins) = printed_logins(out);
    assert_eq!(password, DEMO_PASSWORD, "prints the password: {out}");
    let mut roles: Vec<&str> = logins.iter().map(|(r, _)| r.as_str()).collect();
    roles.sort_unstable();
    assert_eq!(roles, ROLES, "one login per role, three patients: {out}");
    for (label, email) in &logins {
        let role = match label.as_str() {
            "moderator" | "applicant" => "patient",
            other => other,
        };
        let res = try_login(app, email, &password).await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, 200, "{email} signs in: {body}");
        assert_eq!(body["user"]["role"], role, "{email}");
        assert_eq!(body["user"]["email"], email.as_str(), "{email}");
        assert_eq!(body["user"]["email_verified"], true, "{email}");
    }
}

#[tokio::test]
async fn serve_alone_creates_no_demo_accounts() {
    let app = spawn_app().await;
    let empty = rows(&app);
    assert_eq!((empty.demo_users, empty.demo_audit), (0, 0), "{empty:?}");
    let refused = try_login(&app, MARIA, DEMO_PASSWORD).await;
    assert_problem(refused, 401, "invalid_credentials").await;

    // The very same request signs in once the demo is seeded: the 401 above meant "no such
    // account", not a wrong address or password.
    let (out, code) = seed(&app, &[]).await.unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.starts_with("Demo data created:"), "{out}");
    let res = try_login(&app, MARIA, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(rows(&app).demo_users, DEMO_ACCOUNTS);
}

#[tokio::test]
async fn seed_demo_prints_a_login_per_role_that_works_and_believable_history() {
    let app = spawn_app().await;
    let (out, code) = seed(&app, &[]).await.unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.starts_with("Demo data created:"), "{out}");
    assert_eq!(rows(&app).demo_users, DEMO_ACCOUNTS);

    // Every printed login signs in with the printed password, as the role it was printed with.
    assert_printed_logins_sign_in(&app, &out).await;

    let maria = app.login(MARIA, DEMO_PASSWORD).await;
    let token = maria["access_token"].as_str().unwrap();

    // Conditions, with the primary one first-class.
    let mine: Value = app.get_authed("/me/conditions", token).await.json().await.unwrap();
    let slugs: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["condition"]["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.contains(&"hypertension") && slugs.contains(&"depression"), "{slugs:?}");

    // Months of blood pressure, trending down after treatment starts.
    let summary = bp_months(&app, token).await;
    let months = summary["items"].as_array().unwrap();
    assert!(months.len() >= 6, "six months or more: {}", months.len());
    let count: i64 = months.iter().map(|b| b["count"].as_i64().unwrap()).sum();
    assert!(count > 250, "about two readings a day: {count}");
    let sys_mean = |b: &Value| b["mean"][0].as_f64().unwrap();
    let first = sys_mean(&months[1]);
    // The last full-ish month: early in a month its bucket holds a reading or two.
    let last = months
        .iter()
        .rev()
        .find(|b| b["count"].as_i64().unwrap() >= 20)
        .map(sys_mean)
        .unwrap_or_else(|| panic!("a month with readings: {summary}"));
    assert!(first - last > 8.0, "systolic falls with treatment: {first} → {last}");
    assert!((120.0..160.0).contains(&first) && (115.0..150.0).contains(&last), "{first} {last}");

    // Not noise: day-to-day changes are small next to the range of values.
    let list: Value = app
        .get_authed("/me/measurements?type=body_weight&limit=200", token)
        .await
        .json()
        .await
        .unwrap();
    let w: Vec<f64> =
        list["items"].as_array().unwrap().iter().map(|m| m["value"].as_f64().unwrap()).collect();
    assert!(w.len() > 100, "{}", w.len());
    let steps: Vec<f64> = w.windows(2).map(|p| (p[0] - p[1]).abs()).collect();
    assert!(mean(&steps) < 1.0, "weight moves gently day to day: {}", mean(&steps));
    assert!(w.iter().all(|v| (75.0..95.0).contains(v)), "plausible adult weights");

    // Questionnaire history: PHQ-9 every two weeks, improving, and one now due.
    let scores: Value =
        app.get_authed("/me/questionnaires/phq-9/scores", token).await.json().await.unwrap();
    let pts: Vec<f64> =
        scores["points"].as_array().unwrap().iter().map(|p| p["score"].as_f64().unwrap()).collect();
    assert!(pts.len() >= 10, "{pts:?}");
    assert!(mean(&pts[..3]) - mean(&pts[pts.len() - 3..]) > 4.0, "PHQ-9 improves: {pts:?}");
    let due: Value = app.get_authed("/me/questionnaires/due", token).await.json().await.unwrap();
    assert!(due.to_string().contains("phq-9"), "{due}");

    // The admin login is a real admin.
    let admin = app.login("admin@demo.kindred.example", DEMO_PASSWORD).await;
    let res = app.get_authed("/admin/users", admin["access_token"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    // Maria cannot use it.
    assert_eq!(app.get_authed("/admin/users", token).await.status(), 403);

    // Seeding again changes nothing and still prints the same logins, which still work.
    let before = bp_months(&app, token).await;
    let rows_before = rows(&app);
    let (out2, code2) = seed(&app, &[]).await.unwrap();
    assert_eq!(code2, std::process::ExitCode::SUCCESS);
    assert_eq!(rows(&app), rows_before, "a second seed writes nothing");
    assert!(out2.starts_with("Demo data already present"), "{out2}");
    assert_eq!(printed_logins(&out2), printed_logins(&out));
    let after = bp_months(&app, token).await;
    assert_eq!(before, after);
    assert_printed_logins_sign_in(&app, &out2).await;
}

#[tokio::test]
async fn a_weak_demo_password_is_refused_and_nothing_is_created() {
    let app = spawn_app().await;
    let before = rows(&app);
    let err = seed(&app, &[("KINDRED_DEMO_PASSWORD", "password")]).await.unwrap_err();
    assert!(format!("{err:#}").contains("KINDRED_DEMO_PASSWORD"), "{err:#}");
    assert_eq!(rows(&app), before, "nothing written");
    assert_eq!(before.demo_users, 0);
    // Neither the weak password nor the default one opens an account...
    for password in ["password", DEMO_PASSWORD] {
        assert_problem(try_login(&app, MARIA, password).await, 401, "invalid_credentials").await;
    }

    // ...and nothing half-made is left behind: the next seed creates the demo from scratch,
    // after which the same sign-in answers 200.
    let (out, code) = seed(&app, &[]).await.unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.starts_with("Demo data created:"), "{out}");
    assert_eq!(try_login(&app, MARIA, DEMO_PASSWORD).await.status(), 200);
}

/// A demo login's access token.
async fn token(app: &TestApp, email: &str) -> String {
    let body = app.login(email, DEMO_PASSWORD).await;
    body["access_token"].as_str().unwrap_or_else(|| panic!("{email}: {body}")).to_string()
}

/// `GET` as `token`, expecting 200; the JSON body.
async fn get_ok(app: &TestApp, path: &str, token: &str) -> Value {
    let res = app.get_authed(path, token).await;
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap_or_else(|| panic!("no items: {v}"))
}

#[tokio::test]
async fn every_demo_role_finds_real_work_waiting() {
    let app = spawn_app().await;
    let (out, code) = seed(&app, &[]).await.unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.contains("and 10 quiet patients, member01@demo.kindred.example"), "{out}");

    let maria = token(&app, MARIA).await;
    let moderator = token(&app, "mod@demo.kindred.example").await;
    let researcher = token(&app, "researcher@demo.kindred.example").await;
    let admin = token(&app, "admin@demo.kindred.example").await;
    let applicant = app.login("applicant@demo.kindred.example", DEMO_PASSWORD).await;

    // Communities with threads and replies; one thread "as a member": other members see "a
    // member", the moderator sees who.
    let threads = get_ok(&app, "/communities/hypertension/threads", &maria).await;
    assert!(items(&threads).len() >= 2, "{threads}");
    assert!(items(&threads).iter().all(|t| t["post_count"].as_i64().unwrap() >= 2), "{threads}");
    let anon = items(&threads)
        .iter()
        .find(|t| t["author"]["kind"] == "anonymous")
        .unwrap_or_else(|| panic!("a thread by \"a member\": {threads}"));
    assert!(anon["author"].get("handle").is_none(), "{anon}");
    let as_mod = get_ok(&app, "/communities/hypertension/threads", &moderator).await;
    let anon_mod = items(&as_mod).iter().find(|t| t["id"] == anon["id"]).unwrap();
    assert_eq!(anon_mod["anonymous"], true, "{anon_mod}");
    assert_eq!(anon_mod["author"]["handle"], "member05", "{anon_mod}");
    let welcome = get_ok(&app, "/communities/welcome/threads", &maria).await;
    assert!(items(&welcome).iter().any(|t| t["pinned"] == true), "{welcome}");

    // The moderator's queue holds the pending report; a member's does not exist for them.
    let queue = get_ok(&app, "/communities/hypertension/reports?status=open", &moderator).await;
    assert_eq!(items(&queue).len(), 1, "{queue}");
    let report = &items(&queue)[0];
    assert_eq!(report["report"]["category"], "misinformation", "{report}");
    assert_eq!(report["report"]["status"], "open", "{report}");
    assert!(report["report"]["snapshot"].as_str().unwrap().contains("stop the tablets"));
    assert_eq!(report["post"]["author"]["handle"], "member08", "{report}");
    let res = app.get_authed("/communities/hypertension/reports?status=open", &maria).await;
    assert_problem(res, 403, "moderators_only").await;

    // The researcher's study: approved, at least k = 11 consenting, one ready export.
    let studies = get_ok(&app, "/studies", &researcher).await;
    let study = items(&studies).iter().find(|s| s["title"] == STUDY).expect("the demo study");
    assert_eq!(study["status"], "approved", "{study}");
    let id = study["id"].as_str().unwrap();
    let cohort = get_ok(&app, &format!("/studies/{id}/cohort"), &researcher).await;
    assert_eq!(cohort["k"], 11, "{cohort}");
    assert_eq!(cohort["consenting"]["suppressed"], false, "{cohort}");
    assert!(cohort["consenting"]["at_least"].as_i64().unwrap() >= 11, "{cohort}");
    let exports = get_ok(&app, &format!("/studies/{id}/exports"), &researcher).await;
    assert_eq!(items(&exports).len(), 1, "{exports}");
    let export = &items(&exports)[0];
    assert_eq!(export["status"], "ready", "{export}");
    assert!(export["participants"].as_i64().unwrap() >= 11, "{export}");
    let export_id = export["id"].as_str().unwrap();

    // It downloads: the bytes the worker recorded, a zip whose manifest counts the cohort.
    let res = app.get_authed(&format!("/exports/{export_id}/download"), &researcher).await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap().to_vec();
    assert_eq!(hex::encode(Sha256::digest(&bytes)), export["sha256"].as_str().unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut manifest = String::new();
    zip.by_name("manifest.json").unwrap().read_to_string(&mut manifest).unwrap();
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    assert!(manifest["consent_snapshot"].as_array().unwrap().len() >= 11, "{manifest}");
    let mut measurements = String::new();
    zip.by_name("measurements.csv").unwrap().read_to_string(&mut measurements).unwrap();
    assert!(measurements.lines().count() > 300, "months of readings exported");

    // A consenting patient's data-access log lists that export; one who did not consent has
    // none.
    let access = get_ok(&app, "/me/data-access", &maria).await;
    let mine = items(&access).iter().find(|a| a["export_id"] == export_id).expect("listed");
    assert_eq!(mine["study_title"], STUDY, "{mine}");
    assert!(mine["categories"].to_string().contains("measurement:blood_pressure"), "{mine}");
    let tom = token(&app, "tom@demo.kindred.example").await;
    assert!(items(&get_ok(&app, "/me/data-access", &tom).await).is_empty());

    // The administrator has the pending application to decide; the applicant sees it waiting.
    let pending = get_ok(&app, "/admin/researchers?status=pending", &admin).await;
    assert_eq!(items(&pending).len(), 1, "{pending}");
    assert_eq!(items(&pending)[0]["user_id"], applicant["user"]["id"], "{pending}");
    let applicant_token = applicant["access_token"].as_str().unwrap();
    let own = get_ok(&app, "/researcher/application", applicant_token).await;
    assert_eq!(own["status"], "pending", "{own}");
    // Dr Chen was verified the same way.
    let approved = get_ok(&app, "/admin/researchers?status=approved", &admin).await;
    assert_eq!(items(&approved).len(), 1, "{approved}");
}
