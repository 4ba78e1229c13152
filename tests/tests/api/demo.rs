//! `kindred seed demo`: believable data, one login per role, idempotent, never on `serve`.

use clap::Parser;
use kindred_tests::spawn_app;
use kindred_tests::TestApp;
use serde_json::Value;

const DEMO_PASSWORD: &str = kindred::demo::DEFAULT_PASSWORD;

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

#[tokio::test]
async fn serve_alone_creates_no_demo_accounts() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/auth/login",
            &serde_json::json!({"email": "maria@demo.kindred.example", "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn seed_demo_prints_a_login_per_role_that_works_and_believable_history() {
    let app = spawn_app().await;
    let (out, code) = seed(&app, &[]).await.unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(out.starts_with("Demo data created:"), "{out}");
    assert!(out.contains(DEMO_PASSWORD), "prints the password: {out}");
    for role in ["patient", "researcher", "admin"] {
        assert!(out.lines().any(|l| l.trim_start().starts_with(role)), "a {role} login: {out}");
    }

    // Every printed login signs in, with the role it was printed with.
    for line in out.lines().filter(|l| l.contains("@demo.kindred.example")) {
        let mut words = line.split_whitespace();
        let (role, email) = (words.next().unwrap(), words.next().unwrap());
        let body = app.login(email, DEMO_PASSWORD).await;
        assert_eq!(body["user"]["role"], role, "{email}");
        assert_eq!(body["user"]["email_verified"], true, "{email}");
    }

    let maria = app.login("maria@demo.kindred.example", DEMO_PASSWORD).await;
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
    let last = sys_mean(months.last().unwrap());
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

    // Seeding again changes nothing and still prints the logins.
    let before = bp_months(&app, token).await;
    let (out2, code2) = seed(&app, &[]).await.unwrap();
    assert_eq!(code2, std::process::ExitCode::SUCCESS);
    assert!(out2.starts_with("Demo data already present"), "{out2}");
    assert!(out2.contains("maria@demo.kindred.example"), "{out2}");
    let after = bp_months(&app, token).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_weak_demo_password_is_refused_and_nothing_is_created() {
    let app = spawn_app().await;
    let err = seed(&app, &[("KINDRED_DEMO_PASSWORD", "password")]).await.unwrap_err();
    assert!(format!("{err:#}").contains("KINDRED_DEMO_PASSWORD"), "{err:#}");
    let res = app
        .post(
            "/auth/login",
            &serde_json::json!({"email": "maria@demo.kindred.example", "password": "password"}),
        )
        .await;
    assert_eq!(res.status(), 401);
}
