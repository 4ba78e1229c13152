//! Finding 9 of issue 12: a leap-second time (`…:60`) was accepted and stored as given, and
//! then echoed back in a form browsers and most languages cannot read. Now it is refused with
//! a 422 naming the field, wherever a time is read: single and batch readings, edits, CSV
//! imports and list filters.

use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

use super::fields;
use crate::helpers::assert_problem;

const LEAP: &str = "2016-12-31T12:00:60Z";

async fn stored(app: &kindred_tests::TestApp, t: &str) -> usize {
    let list: Value = app.get_authed("/me/measurements", t).await.json().await.unwrap();
    list["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn leap_second_readings_are_refused() {
    let app = spawn_app().await;
    let t = app.patient("xia").await;
    let reading =
        |at: &str| json!({"type": "heart_rate", "value": 61, "unit": "/min", "taken_at": at});

    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&reading(LEAP))).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), vec![("taken_at".into(), "invalid_datetime".into())]);
    let res = app
        .authed(Method::POST, "/me/measurements", &t, Some(&reading("2016-12-31T23:59:60.5+01:00")))
        .await;
    assert_problem(res, 422, "validation_failed").await;

    let res = app
        .authed(
            Method::POST,
            "/me/measurements/batch",
            &t,
            Some(&json!({"items": [reading("2016-12-31T12:00:59Z"), reading(LEAP)]})),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), vec![("items[1].taken_at".into(), "invalid_datetime".into())]);
    assert_eq!(stored(&app, &t).await, 0, "nothing stored");

    // The second before is an ordinary time, and editing a reading to a leap second fails.
    let res = app
        .authed(Method::POST, "/me/measurements", &t, Some(&reading("2016-12-31T12:00:59Z")))
        .await;
    assert_eq!(res.status(), 201);
    let m: Value = res.json().await.unwrap();
    let id = m["id"].as_str().unwrap();
    let res = app
        .authed(
            Method::PATCH,
            &format!("/me/measurements/{id}"),
            &t,
            Some(&json!({"taken_at": LEAP})),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), vec![("taken_at".into(), "invalid_datetime".into())]);
    let now: Value =
        app.get_authed(&format!("/me/measurements/{id}"), &t).await.json().await.unwrap();
    assert_eq!(now["taken_at"], "2016-12-31T12:00:59Z");
}

#[tokio::test]
async fn a_leap_second_in_an_import_names_its_line() {
    let app = spawn_app().await;
    let t = app.patient("yan").await;
    let csv = format!(
        "type,value,unit,taken_at\nheart_rate,60,/min,2016-12-31T12:00:59Z\nheart_rate,61,/min,{LEAP}\n"
    );
    for dry_run in [true, false] {
        let res = app
            .client
            .post(app.api(&format!("/me/measurements/import?dry_run={dry_run}")))
            .bearer_auth(&t)
            .header("content-type", "text/csv")
            .body(csv.clone())
            .send()
            .await
            .unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&body), vec![("lines[3].taken_at".into(), "invalid_datetime".into())]);
    }
    assert_eq!(stored(&app, &t).await, 0, "nothing stored");
}

#[tokio::test]
async fn leap_seconds_in_list_filters_are_refused() {
    let app = spawn_app().await;
    let t = app.patient("zed").await;
    for (q, field) in [("from", "from"), ("to", "to")] {
        let res = app.get_authed(&format!("/me/measurements?{q}={LEAP}"), &t).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&body), vec![(field.into(), "invalid_datetime".into())]);
    }
    let res = app.get_authed("/me/measurements?from=2016-12-31T12:00:59Z", &t).await;
    assert_eq!(res.status(), 200);
}
