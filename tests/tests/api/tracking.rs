//! The patient's tracking, finished (issue 18): private by default, the member's time zone and
//! display units, a chart's whole range, the sanity check against the member's own history,
//! glucose meal context, CSV export and the friendlier CSV import, questionnaires that cover
//! shorter ones.

use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errs| {
            errs.iter()
                .map(|e| (e["field"].as_str().unwrap().into(), e["code"].as_str().unwrap().into()))
                .collect()
        })
        .unwrap_or_default()
}

async fn log(app: &TestApp, t: &str, body: Value) -> (u16, Value) {
    let res = app.authed(Method::POST, "/me/measurements", t, Some(&body)).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn count(app: &TestApp, t: &str, ty: &str) -> i64 {
    let res = app.get_authed(&format!("/me/measurements/extent?type={ty}"), t).await;
    assert_eq!(res.status(), 200);
    res.json::<Value>().await.unwrap()["count"].as_i64().unwrap()
}

/// Answers version 1 of questionnaire `slug`; the status.
async fn answer(app: &TestApp, t: &str, slug: &str, answers: Value) -> u16 {
    let path = format!("/questionnaires/{slug}/responses");
    let body = json!({"version": 1, "answers": answers});
    app.authed(Method::POST, &path, t, Some(&body)).await.status().as_u16()
}

async fn import(app: &TestApp, t: &str, query: &str, csv: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.api(&format!("/me/measurements/import{query}")))
        .bearer_auth(t)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_new_account_starts_private_with_every_opt_in_off() {
    let app = spawn_app().await;
    let t = app.patient("nova").await;
    let me: Value = app.get_authed("/me", &t).await.json().await.unwrap();
    assert_eq!(me["profile"]["visibility"], "private", "{me}");
    assert_eq!(me["profile"]["notify_email"], false, "{me}");
    assert_eq!(me["profile"]["time_zone"], Value::Null);
    assert_eq!(me["profile"]["visibility_chosen"], false, "not asked yet");

    // Other changes are not a choice of visibility; saying "private" again is, and it is kept
    // with the account (another device does not ask again), in the export, and not after
    // erasure.
    let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"notify_email": true}))).await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["profile"]["visibility_chosen"], false);
    let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"visibility": "private"}))).await;
    let me: Value = res.json().await.unwrap();
    assert_eq!(
        (me["profile"]["visibility"].clone(), me["profile"]["visibility_chosen"].clone()),
        (json!("private"), json!(true))
    );
    let again = app.login("nova@example.org", kindred_tests::http::PASSWORD).await;
    let me: Value =
        app.get_authed("/me", again["access_token"].as_str().unwrap()).await.json().await.unwrap();
    assert_eq!(me["profile"]["visibility_chosen"], true, "{me}");
    let export: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert!(export["data"]["account"]["visibility_chosen_at"].is_string(), "{export}");
}

#[tokio::test]
async fn the_time_zone_is_a_tz_database_name() {
    let app = spawn_app().await;
    let t = app.patient("tess").await;
    let res =
        app.authed(Method::PATCH, "/me", &t, Some(&json!({"time_zone": "Europe/Berlin"}))).await;
    assert_eq!(res.status(), 200);
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["profile"]["time_zone"], "Europe/Berlin");
    for bad in ["Mars/Olympus", "+01:00", ""] {
        let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"time_zone": bad}))).await;
        assert_eq!(res.status(), 422, "{bad}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(fields(&body), vec![("time_zone".into(), "invalid_time_zone".into())]);
    }
    let res = app.authed(Method::PATCH, "/me", &t, Some(&json!({"time_zone": null}))).await;
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["profile"]["time_zone"], Value::Null);
}

#[tokio::test]
async fn display_units_follow_the_member_not_the_device() {
    let app = spawn_app().await;
    let t = app.patient("lena").await;
    let other = app.patient("omar").await;
    let units: Value = app.get_authed("/me/display-units", &t).await.json().await.unwrap();
    assert_eq!(units, json!({"units": {}}));

    let res = app
        .authed(Method::PUT, "/me/display-units/body_weight", &t, Some(&json!({"unit": "lb"})))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"type": "body_weight", "unit": "[lb_av]"})
    );
    let res = app
        .authed(
            Method::PUT,
            "/me/display-units/blood_glucose",
            &t,
            Some(&json!({"unit": "mmol/l"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    // Changing it again replaces it.
    let res = app
        .authed(Method::PUT, "/me/display-units/body_weight", &t, Some(&json!({"unit": "[lb_av]"})))
        .await;
    assert_eq!(res.status(), 200);

    // A second session (another browser) sees the same choice; another member does not.
    let again = app.login("lena@example.org", kindred_tests::http::PASSWORD).await;
    let t2 = again["access_token"].as_str().unwrap();
    let units: Value = app.get_authed("/me/display-units", t2).await.json().await.unwrap();
    assert_eq!(units, json!({"units": {"blood_glucose": "mmol/L", "body_weight": "[lb_av]"}}));
    let units: Value = app.get_authed("/me/display-units", &other).await.json().await.unwrap();
    assert_eq!(units, json!({"units": {}}));

    // A unit the type does not take, and a type that does not exist.
    let res = app
        .authed(Method::PUT, "/me/display-units/body_weight", &t, Some(&json!({"unit": "mmHg"})))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(fields(&body), vec![("unit".into(), "unit_not_accepted".into())]);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("kg or lb"), "{body}");
    let res = app
        .authed(Method::PUT, "/me/display-units/unicorns", &t, Some(&json!({"unit": "kg"})))
        .await;
    assert_eq!(res.status(), 404);

    // They are the member's data: in the export, gone with the account.
    let export: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert_eq!(
        export["data"]["display_units"].as_array().unwrap().len(),
        2,
        "{}",
        export["data"]["display_units"]
    );
}

#[tokio::test]
async fn extent_gives_the_whole_range_of_my_readings_of_a_type() {
    let app = spawn_app().await;
    let t = app.patient("ines").await;
    let other = app.patient("otto").await;
    let e: Value =
        app.get_authed("/me/measurements/extent?type=body_weight", &t).await.json().await.unwrap();
    assert_eq!(
        e,
        json!({"type": "body_weight", "count": 0, "first_taken_at": null, "last_taken_at": null})
    );
    for (v, at) in [(80.0, "1990-04-02T08:00:00+02:00"), (81.0, "2026-01-05T08:00:00Z")] {
        let (s, _) = log(
            &app,
            &t,
            json!({"type": "body_weight", "value": v, "taken_at": at, "confirm_unusual": true}),
        )
        .await;
        assert_eq!(s, 201);
    }
    log(
        &app,
        &other,
        json!({"type": "body_weight", "value": 70, "taken_at": "1970-01-01T00:00:00Z"}),
    )
    .await;
    let e: Value =
        app.get_authed("/me/measurements/extent?type=body_weight", &t).await.json().await.unwrap();
    assert_eq!(e["count"], 2);
    assert_eq!(e["first_taken_at"], "1990-04-02T06:00:00Z");
    assert_eq!(e["last_taken_at"], "2026-01-05T08:00:00Z");
    let res = app.get_authed("/me/measurements/extent?type=unicorns", &t).await;
    assert_eq!(res.status(), 422);
    let res = app.client.get(app.api("/me/measurements/extent?type=body_weight")).send().await;
    assert_eq!(res.unwrap().status(), 401);

    // "All" from the first reading: decades by month are fine, by day they are refused.
    let from = "1990-04-02T06:00:00Z";
    let res = app
        .get_authed(
            &format!("/me/measurements/summary?type=body_weight&bucket=month&from={from}"),
            &t,
        )
        .await;
    assert_eq!(res.status(), 200);
    let s: Value = res.json().await.unwrap();
    assert_eq!(s["items"].as_array().unwrap().len(), 2);
    let res = app
        .get_authed(
            &format!("/me/measurements/summary?type=body_weight&bucket=day&from={from}"),
            &t,
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(fields(&res.json().await.unwrap()), vec![("from".into(), "range_too_long".into())]);
}

#[tokio::test]
async fn a_value_far_from_my_recent_readings_needs_confirmation() {
    let app = spawn_app().await;
    let t = app.patient("kurt").await;
    let other = app.patient("olga").await;
    let now = chrono::Utc::now();
    let at = |days: i64| (now - chrono::TimeDelta::days(days)).to_rfc3339();
    let (s, _) =
        log(&app, &t, json!({"type": "body_weight", "value": 83.5, "taken_at": at(3)})).await;
    assert_eq!(s, 201, "the first reading has nothing to compare with");
    // Another member's history does not count for mine.
    log(&app, &other, json!({"type": "body_weight", "value": 180, "taken_at": at(4)})).await;

    // 183.2 kg three days after 83.5 kg: pounds typed as kilograms.
    let slip = json!({"type": "body_weight", "value": 183.2, "taken_at": at(0)});
    let (s, body) = log(&app, &t, slip.clone()).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body), vec![("value".into(), "unusual_value".into())]);
    let msg = body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.contains("183.2 kg") && msg.contains("83.5 kg"), "{msg}");
    assert_eq!(count(&app, &t, "body_weight").await, 1, "nothing stored");
    // In pounds it is an ordinary reading.
    let (s, body) = log(
        &app,
        &t,
        json!({"type": "body_weight", "value": 183.2, "unit": "lb", "taken_at": at(1)}),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    // Confirmed, it is stored.
    let mut confirmed = slip.clone();
    confirmed["confirm_unusual"] = json!(true);
    let (s, _) = log(&app, &t, confirmed).await;
    assert_eq!(s, 201);
    assert_eq!(count(&app, &t, "body_weight").await, 3);

    // Batches name the item.
    let res = app
        .authed(
            Method::POST,
            "/me/measurements/batch",
            &t,
            Some(&json!({"items": [
                {"type": "heart_rate", "value": 64, "taken_at": at(2)},
                {"type": "body_weight", "value": 30, "taken_at": at(0)},
            ]})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(fields(&body), vec![("items[1].value".into(), "unusual_value".into())]);

    // Blood pressure names the component.
    log(&app, &t, json!({"type": "blood_pressure", "components": {"systolic": 125, "diastolic": 80}, "taken_at": at(2)})).await;
    let (s, body) = log(&app, &t, json!({"type": "blood_pressure", "components": {"systolic": 128, "diastolic": 45}, "taken_at": at(0)})).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), vec![("components.diastolic".into(), "unusual_value".into())]);
}

#[tokio::test]
async fn glucose_readings_carry_their_meal_context() {
    let app = spawn_app().await;
    let t = app.patient("gwen").await;
    let (s, body) = log(
        &app,
        &t,
        json!({"type": "blood_glucose", "value": 5.4, "unit": "mmol/L", "context": "fasting", "taken_at": "2026-02-01T07:00:00+01:00"}),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    assert_eq!(body["context"], "fasting");
    let id = body["id"].as_str().unwrap().to_string();
    let got: Value =
        app.get_authed(&format!("/me/measurements/{id}"), &t).await.json().await.unwrap();
    assert_eq!(got["context"], "fasting");
    // An edit keeps it.
    let res = app
        .authed(
            Method::PATCH,
            &format!("/me/measurements/{id}"),
            &t,
            Some(&json!({"note": "before the run"})),
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["context"], "fasting");

    let (s, body) = log(
        &app,
        &t,
        json!({"type": "body_weight", "value": 70, "context": "fasting", "taken_at": "2026-02-01T07:00:00Z"}),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), vec![("context".into(), "not_allowed".into())]);
    let (s, _) = log(
        &app,
        &t,
        json!({"type": "blood_glucose", "value": 99, "context": "lunchtime", "taken_at": "2026-02-01T07:00:00Z"}),
    )
    .await;
    assert_eq!(s, 422);
    let export: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert_eq!(export["data"]["measurements"][0]["context"], "fasting");
}

#[tokio::test]
async fn messages_name_units_as_people_write_them() {
    let app = spawn_app().await;
    let t = app.patient("mira").await;
    let (s, body) = log(
        &app,
        &t,
        json!({"type": "blood_pressure", "components": {"systolic": 350, "diastolic": 80}, "taken_at": "2026-02-01T07:00:00Z"}),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(body["errors"][0]["message"], "Systolic must be between 50 and 300 mmHg.");
    let (_, body) = log(
        &app,
        &t,
        json!({"type": "blood_glucose", "value": 7.2, "unit": "mg/dL", "taken_at": "2026-02-01T07:00:00Z"}),
    )
    .await;
    let msg = body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.ends_with("Did you mean 7.2 mmol/L?"), "{msg}");
}

#[tokio::test]
async fn my_readings_export_as_csv_in_my_units_and_import_again() {
    let app = spawn_app().await;
    let t = app.patient("carl").await;
    let other = app.patient("cora").await;
    app.authed(Method::PUT, "/me/display-units/body_weight", &t, Some(&json!({"unit": "lb"})))
        .await;
    for body in [
        json!({"type": "body_weight", "value": 182.5, "unit": "lb", "taken_at": "2026-02-02T08:00:00+01:00", "note": "=HYPERLINK(\"x\")"}),
        json!({"type": "blood_pressure", "components": {"systolic": 128, "diastolic": 82}, "taken_at": "2026-02-01T08:00:00-05:00", "client_id": "bp-1"}),
        json!({"type": "blood_glucose", "value": 101, "context": "after_meal", "taken_at": "2026-02-03T13:00:00Z"}),
    ] {
        let (s, b) = log(&app, &t, body).await;
        assert_eq!(s, 201, "{b}");
    }
    log(
        &app,
        &other,
        json!({"type": "heart_rate", "value": 61, "taken_at": "2026-02-01T08:00:00Z"}),
    )
    .await;

    let res = app.get_authed("/me/measurements/export.csv", &t).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "type,value,systolic,diastolic,unit,taken_at,context,note,client_id");
    assert_eq!(lines.len(), 4, "{csv}");
    assert_eq!(lines[1], "blood_pressure,,128,82,mmHg,2026-02-01T08:00:00-05:00,,,bp-1");
    // The weight comes back in pounds, as it was entered; the note cannot run as a formula.
    assert_eq!(
        lines[2],
        "body_weight,182.5,,,lb,2026-02-02T08:00:00+01:00,,\"'=HYPERLINK(\"\"x\"\")\","
    );
    assert_eq!(lines[3], "blood_glucose,101,,,mg/dL,2026-02-03T13:00:00+00:00,after_meal,,");
    assert!(!csv.contains("heart_rate"), "another member's reading");

    let only: String = app
        .get_authed("/me/measurements/export.csv?type=blood_glucose", &t)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(only.lines().count(), 2);
    let res = app.get_authed("/me/measurements/export.csv?type=unicorns", &t).await;
    assert_eq!(res.status(), 422);

    // The file imports into another account as the same readings.
    let (s, body) = import(&app, &other, "", &csv).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["imported"], 3);
    let list: Value =
        app.get_authed("/me/measurements?type=body_weight", &other).await.json().await.unwrap();
    assert_eq!(list["items"][0]["value"], 82.78);
    let list: Value =
        app.get_authed("/me/measurements?type=blood_glucose", &other).await.json().await.unwrap();
    assert_eq!(list["items"][0]["context"], "after_meal");
}

#[tokio::test]
async fn csv_import_reads_plain_times_in_my_time_zone_and_can_skip_bad_lines() {
    let app = spawn_app().await;
    let t = app.patient("yuki").await;
    let csv = "type,value,unit,taken_at\n\
               body_weight,82.7,kg,2026-03-01 08:30\n\
               blood_pressure_typo,1,,2026-03-01 08:30\n\
               body_weight,181,lb,2026-03-02 08:30\n";
    // Without a time zone the plain times are refused, with a way out.
    let (s, body) = import(&app, &t, "", csv).await;
    assert_eq!(s, 422);
    let msgs: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert!(msgs.iter().any(|m| m.contains("set your time zone")), "{msgs:?}");

    app.authed(Method::PATCH, "/me", &t, Some(&json!({"time_zone": "Europe/Berlin"}))).await;
    // All or nothing by default: the bad line stops it.
    let (s, body) = import(&app, &t, "", csv).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), vec![("lines[3].type".into(), "unknown_type".into())]);
    assert_eq!(count(&app, &t, "body_weight").await, 0);
    // A dry run that skips shows what would be stored and what skipped; stores nothing.
    let (s, body) = import(&app, &t, "?dry_run=true&skip_invalid=true", csv).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!((body["rows"].clone(), body["imported"].clone()), (json!(2), json!(0)));
    assert_eq!(body["skipped_lines"], 1);
    assert_eq!(body["skipped"][0]["line"], 3);
    assert_eq!(count(&app, &t, "body_weight").await, 0);
    // Skipping stores the good lines.
    let (s, body) = import(&app, &t, "?skip_invalid=true", csv).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["imported"], 2);
    let list: Value =
        app.get_authed("/me/measurements?type=body_weight", &t).await.json().await.unwrap();
    let first = &list["items"][1];
    assert_eq!(first["taken_at"], "2026-03-01T07:30:00Z");
    assert_eq!(first["taken_at_local"], "2026-03-01T08:30:00+01:00");
    // A bad header is a bad file even when skipping.
    let (s, _) = import(&app, &t, "?skip_invalid=true", "kind,value\nx,1\n").await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn a_phq9_response_satisfies_the_phq2_it_contains() {
    let app = spawn_app().await;
    let t = app.patient("paz").await;
    app.authed(
        Method::POST,
        "/me/conditions",
        &t,
        Some(&json!({"condition": "depression", "status": "active"})),
    )
    .await;
    let slugs = |v: Value| -> Vec<String> {
        let mut s: Vec<String> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["slug"].as_str().unwrap().to_string())
            .collect();
        s.sort();
        s
    };
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    assert_eq!(slugs(due), vec!["phq-2", "phq-9"]);
    // PHQ-2 alone does not satisfy PHQ-9.
    assert_eq!(answer(&app, &t, "phq-2", json!({"q1": 1, "q2": 0})).await, 201);
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    assert_eq!(slugs(due), vec!["phq-9"]);
    let answers: serde_json::Map<String, Value> =
        (1..=9).map(|i| (format!("q{i}"), json!(0))).collect();
    assert_eq!(answer(&app, &t, "phq-9", Value::Object(answers)).await, 201);
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    assert!(slugs(due).is_empty());
    // The definition says so.
    let q: Value = app
        .client
        .get(app.api("/questionnaires/phq-9"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(q["version"]["definition"]["covers"], json!(["phq-2"]), "{q}");
}

#[tokio::test]
async fn targets_are_mine_and_count_my_recent_readings_in_range() {
    let app = spawn_app().await;
    let t = app.patient("tara").await;
    let other = app.patient("theo").await;
    let now = chrono::Utc::now();
    let at = |days: i64| (now - chrono::TimeDelta::days(days)).to_rfc3339();
    let res = app
        .authed(
            Method::PUT,
            "/me/targets/blood_pressure",
            &t,
            Some(&json!({"ranges": {"systolic": {"high": 130}, "diastolic": {"high": 80}}})),
        )
        .await;
    assert_eq!(res.status(), 204);
    let res = app
        .authed(
            Method::PUT,
            "/me/targets/blood_glucose",
            &t,
            Some(&json!({"ranges": {"value": {"low": 3.9, "high": 10}}, "unit": "mmol/L"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    for (sys, dia, days) in [(125, 78, 1), (135, 82, 2), (128, 81, 3), (120, 75, 40)] {
        let (s, b) = log(
            &app,
            &t,
            json!({"type": "blood_pressure", "components": {"systolic": sys, "diastolic": dia}, "taken_at": at(days), "confirm_unusual": true}),
        )
        .await;
        assert_eq!(s, 201, "{b}");
    }
    let list: Value = app.get_authed("/me/targets", &t).await.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["type"], "blood_glucose");
    assert_eq!(items[0]["ranges"], json!({"value": {"low": 70.0, "high": 180.0}}));
    assert_eq!(
        items[0]["recent"],
        json!({"days": 30, "readings": 0, "in_range": 0, "percent": null})
    );
    let bp = &items[1];
    assert_eq!(
        bp["ranges"],
        json!({"systolic": {"low": null, "high": 130.0}, "diastolic": {"low": null, "high": 80.0}})
    );
    // Three readings in 30 days (the one 40 days ago does not count); one in range.
    assert_eq!(bp["recent"], json!({"days": 30, "readings": 3, "in_range": 1, "percent": 33}));
    // Another member sees none of it.
    let list: Value = app.get_authed("/me/targets", &other).await.json().await.unwrap();
    assert_eq!(list["items"], json!([]));
    assert_eq!(
        app.authed(Method::DELETE, "/me/targets/blood_pressure", &other, None).await.status(),
        404
    );
    // Bad targets.
    for (body, field, code) in [
        (
            json!({"ranges": {"systolic": {"low": 140, "high": 120}}}),
            "ranges.systolic.low",
            "invalid_range",
        ),
        (json!({"ranges": {"pulse": {"high": 80}}}), "ranges.pulse", "unknown_component"),
        (json!({"ranges": {}}), "ranges", "required"),
        (json!({"ranges": {"systolic": {"high": 900}}}), "ranges.systolic.high", "out_of_range"),
    ] {
        let res = app.authed(Method::PUT, "/me/targets/blood_pressure", &t, Some(&body)).await;
        assert_eq!(res.status(), 422, "{body}");
        assert_eq!(fields(&res.json().await.unwrap()), vec![(field.to_string(), code.to_string())]);
    }
    let res = app
        .authed(
            Method::PUT,
            "/me/targets/unicorns",
            &t,
            Some(&json!({"ranges": {"value": {"high": 1}}})),
        )
        .await;
    assert_eq!(res.status(), 404);
    // Replacing and removing.
    let res = app
        .authed(
            Method::PUT,
            "/me/targets/blood_pressure",
            &t,
            Some(&json!({"ranges": {"systolic": {"low": 100, "high": 140}}})),
        )
        .await;
    assert_eq!(res.status(), 204);
    let list: Value = app.get_authed("/me/targets", &t).await.json().await.unwrap();
    assert_eq!(list["items"][1]["ranges"], json!({"systolic": {"low": 100.0, "high": 140.0}}));
    assert_eq!(list["items"][1]["recent"]["in_range"], 3);
    let export: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert_eq!(export["data"]["measurement_targets"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.authed(Method::DELETE, "/me/targets/blood_pressure", &t, None).await.status(),
        204
    );
    assert_eq!(
        app.authed(Method::DELETE, "/me/targets/blood_pressure", &t, None).await.status(),
        404
    );
}

#[tokio::test]
async fn conditions_suggest_what_to_track_and_admins_edit_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("hana").await;
    let get = |slug: &'static str| {
        let app = &app;
        async move {
            let res = app
                .client
                .get(app.api(&format!("/conditions/{slug}/suggestions")))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (s, h) = get("hypertension").await;
    assert_eq!(s, 200);
    assert!(h["measurement_types"].as_array().unwrap().contains(&json!("blood_pressure")), "{h}");
    let (_, d) = get("type-2-diabetes").await;
    assert!(d["measurement_types"].as_array().unwrap().contains(&json!("blood_glucose")), "{d}");
    let (_, dep) = get("depression").await;
    let qs: Vec<&str> = dep["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["slug"].as_str().unwrap())
        .collect();
    assert_eq!(qs, vec!["phq-2", "phq-9"]);
    assert_eq!(get("unicorn-fever").await.0, 404);

    let body = json!({"measurement_types": ["peak_flow", "spo2", "peak_flow"], "questionnaires": ["gad-7"]});
    let res = app.authed(Method::PUT, "/conditions/asthma/suggestions", &t, Some(&body)).await;
    assert_eq!(res.status(), 403, "patients cannot edit the catalog");
    let res = app.authed(Method::PUT, "/conditions/asthma/suggestions", &admin, Some(&body)).await;
    assert_eq!(res.status(), 200);
    let got: Value = res.json().await.unwrap();
    assert_eq!(got["measurement_types"], json!(["peak_flow", "spo2"]));
    assert_eq!(got["questionnaires"][0]["slug"], "gad-7");
    assert_eq!(get("asthma").await.1, got);
    let bad = json!({"measurement_types": ["unicorns"], "questionnaires": ["nope"]});
    let res = app.authed(Method::PUT, "/conditions/asthma/suggestions", &admin, Some(&bad)).await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        fields(&res.json().await.unwrap()),
        vec![
            ("measurement_types[0]".into(), "unknown_type".into()),
            ("questionnaires[0]".into(), "unknown_questionnaire".into())
        ]
    );
    assert_eq!(get("asthma").await.1, got, "nothing changed");
    let audit: Value = app
        .get_authed("/admin/audit?action=admin.condition_suggestions_updated", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
}

#[tokio::test]
async fn sign_up_records_the_terms_version_accepted() {
    let app = spawn_app().await;
    let terms: Value =
        app.client.get(app.api("/terms")).send().await.unwrap().json().await.unwrap();
    let version = terms["version"].as_str().unwrap().to_string();
    assert_eq!(version, kindred_domain::account::TERMS_VERSION);
    let pw = kindred_tests::http::PASSWORD;
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "old@example.org", "password": pw, "handle": "old_terms", "accepted_terms": "2020-01-01"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        fields(&res.json().await.unwrap()),
        vec![("accepted_terms".into(), "terms_outdated".into())]
    );
    assert!(app.mail.all().is_empty(), "nothing registered, nothing sent");
    let res = app
        .post(
            "/auth/register",
            &json!({"email": "new@example.org", "password": pw, "handle": "new_terms", "accepted_terms": version}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let mail = app.mail.wait_for("new@example.org", "Confirm your email").await;
    let (_, token) = kindred_tests::mail::link_with_token(&mail, "/verify-email");
    app.post("/auth/verify-email", &json!({"token": token})).await;
    let login = app.login("new@example.org", pw).await;
    let t = login["access_token"].as_str().unwrap();
    let export: Value = app.get_authed("/me/export", t).await.json().await.unwrap();
    assert_eq!(export["data"]["account"]["terms_version"], version.as_str());
    assert!(export["data"]["account"]["terms_accepted_at"].is_string());
}

#[tokio::test]
async fn my_questionnaire_responses_export_as_csv() {
    let app = spawn_app().await;
    let t = app.patient("quin").await;
    let other = app.patient("rhea").await;
    for (q9, difficulty) in [(0, None), (2, Some(1))] {
        let mut answers: serde_json::Map<String, Value> =
            (1..=8).map(|i| (format!("q{i}"), json!(1))).collect();
        answers.insert("q9".into(), json!(q9));
        if let Some(d) = difficulty {
            answers.insert("difficulty".into(), json!(d));
        }
        assert_eq!(answer(&app, &t, "phq-9", Value::Object(answers)).await, 201);
    }
    let res = app.get_authed("/me/questionnaires/phq-9/responses.csv", &t).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("kindred-phq-9-responses.csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert_eq!(
        lines[0],
        "submitted_at,version,score,band,flags,q1,q2,q3,q4,q5,q6,q7,q8,q9,difficulty"
    );
    assert!(lines[1].ends_with(",1,8,mild,,1,1,1,1,1,1,1,1,0,"), "{}", lines[1]);
    assert!(
        lines[2].ends_with(",1,10,moderate,self_harm_risk,1,1,1,1,1,1,1,1,2,1"),
        "{}",
        lines[2]
    );
    // Another member has none; an unknown questionnaire is not found.
    let theirs = app
        .get_authed("/me/questionnaires/phq-9/responses.csv", &other)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(theirs.lines().count(), 1);
    assert_eq!(app.get_authed("/me/questionnaires/nope/responses.csv", &t).await.status(), 404);
}

#[tokio::test]
async fn an_import_lists_lines_far_from_my_recent_readings_and_imports_them() {
    let app = spawn_app().await;
    let t = app.patient("ines").await;
    app.authed(Method::PATCH, "/me", &t, Some(&json!({"time_zone": "Europe/Lisbon"}))).await;
    let (s, _) = log(
        &app,
        &t,
        json!({"type": "body_weight", "value": 83.5, "taken_at": "2026-03-01T08:00:00Z"}),
    )
    .await;
    assert_eq!(s, 201);
    // Line 3 is pounds typed as kilograms; line 4, in pounds, is the same weight; line 2 comes
    // before any reading (nothing to compare with).
    let csv = "type,value,unit,taken_at\n\
               body_weight,40,kg,2026-02-01 08:30\n\
               body_weight,183.2,kg,2026-03-03 08:30\n\
               body_weight,184,lb,2026-03-04 08:30\n\
               heart_rate,62,/min,2026-03-04 08:30\n";
    let (s, body) = import(&app, &t, "?dry_run=true", csv).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["unusual_lines"], 1, "{body}");
    assert_eq!(body["unusual"][0]["line"], 3);
    assert_eq!(body["unusual"][0]["code"], "unusual_value");
    let msg = body["unusual"][0]["message"].as_str().unwrap();
    assert!(msg.contains("183.2 kg") && msg.contains("83.5 kg"), "{msg}");
    assert_eq!(count(&app, &t, "body_weight").await, 1, "a dry run stores nothing");
    // Imports are exempt from the confirmation: stored, and listed again.
    let (s, body) = import(&app, &t, "", csv).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!((body["imported"].clone(), body["unusual_lines"].clone()), (json!(4), json!(1)));
    assert_eq!(count(&app, &t, "body_weight").await, 4);
}
