//! At-home measurements (issue: measurements).

use crate::helpers::assert_problem;
use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string())
        })
        .collect()
}

async fn count_rows(app: &kindred_tests::TestApp) -> i64 {
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            kindred_db::schema::measurements::table
                .count()
                .get_result::<i64>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap()
}

#[tokio::test]
async fn types_are_seeded_with_codes_and_units() {
    let app = spawn_app().await;
    let body: Value =
        app.client.get(app.api("/measurement-types")).send().await.unwrap().json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    let bp = items.iter().find(|t| t["slug"] == "blood_pressure").unwrap();
    assert_eq!(bp["loinc"], "85354-9");
    assert_eq!(bp["components"][0]["loinc"], "8480-6");
    let glucose = items.iter().find(|t| t["slug"] == "blood_glucose").unwrap();
    assert_eq!(glucose["accepted_units"], json!(["mg/dL", "mmol/L"]));
}

#[tokio::test]
async fn log_list_and_summarise() {
    let app = spawn_app().await;
    let t = app.patient("ada").await;
    let res = app
        .authed(Method::POST, "/me/measurements", &t, Some(&json!({"type": "blood_pressure", "components": {"systolic": 128, "diastolic": 82}, "taken_at": "2026-05-01T08:00:00+02:00", "note": "after coffee"})))
        .await;
    assert_eq!(res.status(), 201);
    let bp: Value = res.json().await.unwrap();
    assert_eq!(bp["components"], json!({"systolic": 128.0, "diastolic": 82.0}));
    assert_eq!(bp["value"], Value::Null);
    assert_eq!(bp["unit"], "mm[Hg]");
    assert_eq!(bp["taken_at"], "2026-05-01T06:00:00Z");
    assert_eq!(bp["taken_at_local"], "2026-05-01T08:00:00+02:00");
    assert_eq!(bp["source"], "manual");
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&json!({"type": "body_weight", "value": 154.3, "unit": "lb", "taken_at": "2026-05-01T08:05:00+02:00"}))).await;
    let w: Value = res.json().await.unwrap();
    assert_eq!((w["value"].as_f64(), w["unit"].as_str()), (Some(69.99), Some("kg")));
    for (day, s, d) in [(2, 130, 85), (2, 120, 75), (9, 140, 90)] {
        app.authed(Method::POST, "/me/measurements", &t, Some(&json!({"type": "blood_pressure", "components": {"systolic": s, "diastolic": d}, "taken_at": format!("2026-05-{day:02}T08:00:00Z")}))).await;
    }
    let list: Value =
        app.get_authed("/me/measurements?type=blood_pressure", &t).await.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["taken_at"], "2026-05-09T08:00:00Z", "newest first");
    let all: Value = app.get_authed("/me/measurements", &t).await.json().await.unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 5);

    let day: Value = app.get_authed("/me/measurements/summary?type=blood_pressure&from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z", &t).await.json().await.unwrap();
    assert_eq!(day["components"], json!(["systolic", "diastolic"]));
    assert_eq!(day["bucket"], "day");
    let items = day["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[1],
        json!({"bucket_start": "2026-05-02", "count": 2, "min": [120.0, 75.0], "max": [130.0, 85.0], "mean": [125.0, 80.0]})
    );
    let week: Value = app.get_authed("/me/measurements/summary?type=blood_pressure&bucket=week&from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z", &t).await.json().await.unwrap();
    let weeks: Vec<(&str, i64)> = week["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["bucket_start"].as_str().unwrap(), i["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(weeks, vec![("2026-04-27", 3), ("2026-05-04", 1)], "weeks start on Monday");
    let month: Value = app.get_authed("/me/measurements/summary?type=blood_pressure&bucket=month&from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z", &t).await.json().await.unwrap();
    assert_eq!(month["items"][0]["count"], 4);
    assert_eq!(month["items"][0]["bucket_start"], "2026-05-01");
    assert_eq!(month["items"][0]["mean"], json!([129.5, 83.0]));

    // Another member's readings never show up in my lists or summaries.
    let other = app.patient("bea").await;
    app.authed(Method::POST, "/me/measurements", &other, Some(&json!({"type": "blood_pressure", "components": {"systolic": 200, "diastolic": 100}, "taken_at": "2026-05-02T09:00:00Z"}))).await;
    let again: Value = app.get_authed("/me/measurements/summary?type=blood_pressure&bucket=month&from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z", &t).await.json().await.unwrap();
    assert_eq!(again["items"][0]["count"], 4);
}

#[tokio::test]
async fn pagination_walks_every_reading_once() {
    let app = spawn_app().await;
    let t = app.patient("cal").await;
    let items: Vec<Value> = (0..7).map(|i| json!({"type": "mood", "value": i % 10, "taken_at": format!("2026-03-0{}T10:00:00Z", 1 + i / 2)})).collect();
    assert_eq!(
        app.authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": items})))
            .await
            .status(),
        201
    );
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/me/measurements?limit=3&cursor={c}"),
            None => "/me/measurements?limit=3".into(),
        };
        let page: Value = app.get_authed(&path, &t).await.json().await.unwrap();
        seen.extend(
            page["items"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (7, 7));
    assert_problem(
        app.get_authed("/me/measurements?cursor=garbage", &t).await,
        422,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn retries_with_the_same_client_id_store_one_row() {
    let app = spawn_app().await;
    let t = app.patient("dan").await;
    let body = json!({"type": "heart_rate", "value": 61, "taken_at": "2026-05-01T08:00:00Z", "client_id": "phone-1:abc"});
    let first = app.authed(Method::POST, "/me/measurements", &t, Some(&body)).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let retry = app.authed(Method::POST, "/me/measurements", &t, Some(&body)).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.json::<Value>().await.unwrap()["id"], first["id"]);

    // 20 identical requests at once.
    let body = json!({"type": "heart_rate", "value": 70, "taken_at": "2026-05-02T08:00:00Z", "client_id": "phone-1:race"});
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (client, url, t, body) =
                (app.client.clone(), app.api("/me/measurements"), t.clone(), body.clone());
            tokio::spawn(async move {
                let res = client.post(url).bearer_auth(t).json(&body).send().await.unwrap();
                (
                    res.status().as_u16(),
                    res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert_eq!(results.iter().filter(|(s, _)| *s == 201).count(), 1, "{results:?}");
    assert!(results.iter().all(|(s, _)| *s == 201 || *s == 200));
    let ids: std::collections::HashSet<_> = results.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(ids.len(), 1, "every answer names the same reading");
    assert_eq!(count_rows(&app).await, 2);
    // The same client id from another member is theirs alone.
    let other = app.patient("eve").await;
    assert_eq!(
        app.authed(Method::POST, "/me/measurements", &other, Some(&body)).await.status(),
        201
    );
}

#[tokio::test]
async fn batches_are_all_or_nothing() {
    let app = spawn_app().await;
    let t = app.patient("fay").await;
    let mut items: Vec<Value> = (0..10).map(|i| json!({"type": "steps", "value": 1000 * i, "taken_at": format!("2026-04-{:02}T20:00:00Z", i + 1)})).collect();
    items[6] = json!({"type": "steps", "value": -5, "taken_at": "2026-04-07T20:00:00Z"});
    items[8] = json!({"type": "nope", "value": 1, "taken_at": "2026-04-09T20:00:00Z"});
    let res = app
        .authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": items})))
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        fields(&body),
        vec![
            ("items[6].value".into(), "out_of_range".into()),
            ("items[8].type".into(), "unknown_type".into())
        ]
    );
    assert_eq!(count_rows(&app).await, 0, "nothing stored");

    let good: Vec<Value> = (0..1000).map(|i| json!({"type": "pain", "value": i % 11, "taken_at": format!("2026-01-01T00:{:02}:{:02}Z", i / 60 % 60, i % 60), "client_id": format!("b-{i}")})).collect();
    let res =
        app.authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": good}))).await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        (body["items"].as_array().unwrap().len(), body["created"].as_u64()),
        (1000, Some(1000))
    );
    // Replayed: nothing new.
    let res =
        app.authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": good}))).await;
    assert_eq!(res.json::<Value>().await.unwrap()["created"], 0);
    assert_eq!(count_rows(&app).await, 1000);

    let too_many: Vec<Value> = (0..2000)
        .map(|_| json!({"type": "pain", "value": 1, "taken_at": "2026-01-01T00:00:00Z"}))
        .collect();
    let res = app
        .authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": too_many})))
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), vec![("items".into(), "invalid_length".into())]);
    let res =
        app.authed(Method::POST, "/me/measurements/batch", &t, Some(&json!({"items": []}))).await;
    assert_eq!(res.status(), 422);
}

async fn import(
    app: &kindred_tests::TestApp,
    token: &str,
    csv: &str,
    dry_run: bool,
) -> reqwest::Response {
    app.client
        .post(app.api(&format!("/me/measurements/import?dry_run={dry_run}")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_dry_run_says_which_rows_would_be_skipped_as_duplicates() {
    let app = spawn_app().await;
    let t = app.patient("hal").await;
    let first = "type,value,unit,taken_at,client_id\n\
                 heart_rate,60,/min,2026-05-01T08:00:00Z,hr-1\n\
                 heart_rate,61,/min,2026-05-02T08:00:00Z,hr-2\n";
    let res = import(&app, &t, first, false).await;
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"dry_run": false, "rows": 2, "imported": 2, "duplicates": 0, "skipped": [], "skipped_lines": 0, "unusual": [], "unusual_lines": 0})
    );
    // hr-2 is stored already; hr-3 appears twice in the file; hr-4 and the row without a
    // client id are new.
    let second = "type,value,unit,taken_at,client_id\n\
                  heart_rate,61,/min,2026-05-02T08:00:00Z,hr-2\n\
                  heart_rate,62,/min,2026-05-03T08:00:00Z,hr-3\n\
                  heart_rate,62,/min,2026-05-03T08:00:00Z,hr-3\n\
                  heart_rate,63,/min,2026-05-04T08:00:00Z,hr-4\n\
                  heart_rate,64,/min,2026-05-05T08:00:00Z,\n";
    let res = import(&app, &t, second, true).await;
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"dry_run": true, "rows": 5, "imported": 0, "duplicates": 2, "skipped": [], "skipped_lines": 0, "unusual": [], "unusual_lines": 0})
    );
    assert_eq!(count_rows(&app).await, 2, "a dry run stores nothing");
    let res = import(&app, &t, second, false).await;
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"dry_run": false, "rows": 5, "imported": 3, "duplicates": 2, "skipped": [], "skipped_lines": 0, "unusual": [], "unusual_lines": 0})
    );
}

#[tokio::test]
async fn csv_import_with_dry_run_and_a_line_report() {
    let app = spawn_app().await;
    let t = app.patient("gus").await;
    let csv = "type,value,systolic,diastolic,unit,taken_at,note\n\
               blood_pressure,,128,82,mmHg,2026-05-01T08:00:00+01:00,morning\n\
               body_weight,154.3,,,lb,2026-05-01T08:05:00+01:00,\n\
               blood_glucose,5.5,,,mmol/L,2026-05-01T09:00:00+01:00,fasting\n";
    let res = import(&app, &t, csv, true).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"dry_run": true, "rows": 3, "imported": 0, "duplicates": 0, "skipped": [], "skipped_lines": 0, "unusual": [], "unusual_lines": 0})
    );
    assert_eq!(count_rows(&app).await, 0);
    let res = import(&app, &t, csv, false).await;
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"dry_run": false, "rows": 3, "imported": 3, "duplicates": 0, "skipped": [], "skipped_lines": 0, "unusual": [], "unusual_lines": 0})
    );
    let list: Value =
        app.get_authed("/me/measurements?type=blood_glucose", &t).await.json().await.unwrap();
    assert_eq!(list["items"][0]["value"], 99.0);
    assert_eq!(list["items"][0]["source"], "import");

    let bad = "type,value,unit,taken_at\n\
               heart_rate,60,/min,2026-05-01T08:00:00Z\n\
               heart_rate,abc,/min,2026-05-01T08:00:00Z\n\
               heart_rate,61,/min,2026-05-02T08:00:00Z\n\
               heart_rate,500,/min,2026-05-03T08:00:00Z\n\
               heart_rate,62,kg,2026-05-04T08:00:00Z\n";
    let res = import(&app, &t, bad, false).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        fields(&body),
        vec![
            ("lines[3].value".into(), "not_a_number".into()),
            ("lines[5].value".into(), "out_of_range".into()),
            ("lines[6].unit".into(), "unit_not_accepted".into())
        ],
        "unreadable values and rule violations are reported together, in line order"
    );
    let bad = bad.replace("heart_rate,abc,", "teleport,1,");
    let res = import(&app, &t, &bad, false).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        fields(&body),
        vec![
            ("lines[3].type".into(), "unknown_type".into()),
            ("lines[5].value".into(), "out_of_range".into()),
            ("lines[6].unit".into(), "unit_not_accepted".into())
        ]
    );
    assert!(body["errors"][1]["message"].as_str().unwrap().starts_with("Line 5:"));
    assert_eq!(count_rows(&app).await, 3, "nothing from the bad file was stored");

    let res = app
        .client
        .post(app.api("/me/measurements/import"))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = import(&app, &t, "type,value,taken_at\n", false).await;
    assert_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn other_members_readings_are_404() {
    let app = spawn_app().await;
    let owner = app.patient("hal").await;
    let other = app.patient("ida").await;
    let m: Value = app
        .authed(
            Method::POST,
            "/me/measurements",
            &owner,
            Some(&json!({"type": "spo2", "value": 97, "taken_at": "2026-05-01T08:00:00Z"})),
        )
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/me/measurements/{}", m["id"].as_str().unwrap());
    assert_problem(app.get_authed(&path, &other).await, 404, "not_found").await;
    assert_problem(
        app.authed(Method::PATCH, &path, &other, Some(&json!({"value": 90}))).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(app.authed(Method::DELETE, &path, &other, None).await, 404, "not_found").await;
    assert_eq!(app.get_authed(&path, &owner).await.status(), 200, "still there");
    assert_eq!(app.authed(Method::DELETE, &path, &owner, None).await.status(), 204);
    assert_eq!(app.get_authed(&path, &owner).await.status(), 404);
    // The deletion is in the audit log (once: the refused attempt left nothing).
    let id = m["id"].as_str().unwrap().to_string();
    let deleted = app
        .pool
        .run(|c| {
            kindred_db::queries::audit::list(c, None, 10, Some("account.measurement_deleted"), None)
        })
        .unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].subject_id.as_deref(), Some(id.as_str()));
    assert_eq!(app.client.get(app.api("/me/measurements")).send().await.unwrap().status(), 401);
    // Logging checks the session inside its own transaction: no token, a forged one, or one
    // whose session ended are all refused, and nothing is stored.
    let body = json!({"type": "spo2", "value": 96, "taken_at": "2026-05-01T08:00:00Z"});
    let res = app.client.post(app.api("/me/measurements")).json(&body).send().await.unwrap();
    assert_problem(res, 401, "unauthorized").await;
    assert_problem(
        app.authed(Method::POST, "/me/measurements", "not.a.jwt", Some(&body)).await,
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(app.authed(Method::POST, "/auth/logout", &owner, None).await.status(), 204);
    assert_problem(
        app.authed(Method::POST, "/me/measurements", &owner, Some(&body)).await,
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(count_rows(&app).await, 0);
}

#[tokio::test]
async fn edits_keep_a_history() {
    let app = spawn_app().await;
    let t = app.patient("jon").await;
    let m: Value = app
        .authed(Method::POST, "/me/measurements", &t, Some(&json!({"type": "body_temperature", "value": 37.2, "taken_at": "2026-05-01T08:00:00+01:00"})))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/me/measurements/{}", m["id"].as_str().unwrap());
    let res = app
        .authed(
            Method::PATCH,
            &path,
            &t,
            Some(&json!({"value": 99.5, "unit": "[degF]", "note": "re-measured"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let updated: Value = res.json().await.unwrap();
    assert_eq!(updated["value"], 37.5);
    assert_eq!(updated["taken_at_local"], "2026-05-01T08:00:00+01:00", "time kept");
    let detail: Value = app.get_authed(&path, &t).await.json().await.unwrap();
    assert_eq!(detail["edits"].as_array().unwrap().len(), 1);
    assert_eq!(detail["edits"][0]["previous"]["value"], 37.2);
    let res = app.authed(Method::PATCH, &path, &t, Some(&json!({"value": 98.6}))).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("°F"));
}

#[tokio::test]
async fn bad_input_is_4xx_never_5xx() {
    let app = spawn_app().await;
    let t = app.patient("kim").await;
    let cases = [
        (
            json!({"type": "heart_rate", "value": 1e308, "taken_at": "2026-05-01T08:00:00Z"}),
            "value",
            "out_of_range",
        ),
        (
            json!({"type": "heart_rate", "value": "60", "taken_at": "2026-05-01T08:00:00Z"}),
            "value",
            "wrong_type",
        ),
        (
            json!({"type": "heart_rate", "value": "NaN", "taken_at": "2026-05-01T08:00:00Z"}),
            "value",
            "wrong_type",
        ),
        (
            json!({"type": "nope", "value": 1, "taken_at": "2026-05-01T08:00:00Z"}),
            "type",
            "unknown_type",
        ),
        (
            json!({"type": "heart_rate", "value": 60, "unit": "kg", "taken_at": "2026-05-01T08:00:00Z"}),
            "unit",
            "unit_not_accepted",
        ),
        (
            json!({"type": "heart_rate", "value": 60, "taken_at": "01/05/2026"}),
            "taken_at",
            "invalid_datetime",
        ),
        (
            json!({"type": "heart_rate", "value": 60, "taken_at": "2026-05-01T08:00:00"}),
            "taken_at",
            "invalid_datetime",
        ),
        (
            json!({"type": "heart_rate", "value": 60, "taken_at": "2999-01-01T00:00:00Z"}),
            "taken_at",
            "in_future",
        ),
        (json!({"type": "heart_rate", "value": 60}), "taken_at", "required"),
        (
            json!({"type": "heart_rate", "value": 60, "taken_at": "2026-05-01T08:00:00Z", "extra": 1}),
            "extra",
            "unknown_field",
        ),
        (
            json!({"type": "blood_pressure", "components": {"systolic": 80, "diastolic": 90}, "taken_at": "2026-05-01T08:00:00Z"}),
            "components",
            "systolic_not_above_diastolic",
        ),
        (
            json!({"type": "body_temperature", "value": 98.6, "taken_at": "2026-05-01T08:00:00Z"}),
            "value",
            "out_of_range",
        ),
        (
            json!({"type": "heart_rate", "value": 60, "source": "telepathy", "taken_at": "2026-05-01T08:00:00Z"}),
            "source",
            "invalid_choice",
        ),
    ];
    for (body, field, code) in cases {
        let res = app.authed(Method::POST, "/me/measurements", &t, Some(&body)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert!(
            fields(&problem).contains(&(field.to_string(), code.to_string())),
            "{body}: {problem}"
        );
    }
    // A number JSON cannot hold is a malformed body.
    let res = app
        .client
        .post(app.api("/me/measurements"))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body(r#"{"type": "heart_rate", "value": 1e400, "taken_at": "2026-05-01T08:00:00Z"}"#)
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "malformed_json").await;
    // 20 MB bodies are refused before they are read.
    let big = vec![b' '; 20 * 1024 * 1024];
    let res = app
        .client
        .post(app.api("/me/measurements"))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_problem(res, 413, "payload_too_large").await;
    let res = app
        .client
        .post(app.api("/me/measurements/import"))
        .bearer_auth(&t)
        .header("content-type", "text/csv")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_problem(res, 413, "payload_too_large").await;
    for q in [
        "type=x&bucket=year",
        "bucket=day",
        "type=heart_rate&from=yesterday",
        "type=heart_rate&from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z",
        "type=nope",
    ] {
        let res = app.get_authed(&format!("/me/measurements/summary?{q}"), &t).await;
        assert_eq!(res.status(), 422, "{q}");
    }
    assert_eq!(count_rows(&app).await, 0);
}

#[tokio::test]
async fn admins_add_types_and_members_use_them() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("lou").await;
    let def = json!({"slug": "waist", "name": "Waist circumference", "loinc": "8280-0", "loinc_note": null, "unit": "cm",
        "accepted_units": ["cm", "[in_i]"], "decimals": 1, "components": [{"key": "value", "name": "Waist", "loinc": "8280-0", "min": 40, "max": 200}]});
    assert_eq!(app.authed(Method::POST, "/measurement-types", &t, Some(&def)).await.status(), 403);
    assert_eq!(
        app.authed(Method::POST, "/measurement-types", &admin, Some(&def)).await.status(),
        201
    );
    assert_eq!(
        app.authed(Method::POST, "/measurement-types", &admin, Some(&def)).await.status(),
        422
    );
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&json!({"type": "waist", "value": 32, "unit": "in", "taken_at": "2026-05-01T08:00:00Z"}))).await;
    assert_eq!(res.json::<Value>().await.unwrap()["value"], 81.3);
    let mut bad = def.clone();
    bad["slug"] = json!("Bad Slug");
    assert_eq!(
        app.authed(Method::POST, "/measurement-types", &admin, Some(&bad)).await.status(),
        422
    );
}

#[tokio::test]
async fn export_and_erasure_cover_measurements() {
    let app = spawn_app().await;
    let t = app.patient("max").await;
    let m: Value = app
        .authed(
            Method::POST,
            "/me/measurements",
            &t,
            Some(&json!({"type": "mood", "value": 7, "taken_at": "2026-05-01T08:00:00Z"})),
        )
        .await
        .json()
        .await
        .unwrap();
    app.authed(
        Method::PATCH,
        &format!("/me/measurements/{}", m["id"].as_str().unwrap()),
        &t,
        Some(&json!({"value": 6})),
    )
    .await;
    let doc: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert_eq!(doc["data"]["measurements"][0]["value1"], 6.0);
    assert_eq!(doc["data"]["measurement_edits"][0]["previous"]["value"], 7.0);
    app.authed(
        Method::DELETE,
        "/me",
        &t,
        Some(&json!({"password": kindred_tests::http::PASSWORD})),
    )
    .await;
    assert_eq!(count_rows(&app).await, 0);
}
