//! Finding 10 of issue 12: NUL characters were stored as given on SQLite and broke the query
//! (a 500) on PostgreSQL, whose text cannot hold them. Now a JSON string holding `\u0000` is
//! a 422 `invalid_character` naming the field, a CSV cell with a NUL byte names its line, a
//! query string with `%00` is a 422, and a path with `%00` is a 404; on both backends.

use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

use super::fields;
use crate::helpers::assert_problem;

fn invalid(field: &str) -> Vec<(String, String)> {
    vec![(field.to_string(), "invalid_character".to_string())]
}

fn count_users(app: &TestApp) -> i64 {
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            kindred_db::schema::users::table
                .count()
                .get_result::<i64>(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap()
}

async fn count_measurements(app: &TestApp) -> i64 {
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
async fn nul_characters_in_readings_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let t = app.patient("abe").await;
    let reading = |note: &str| json!({"type": "heart_rate", "value": 61, "unit": "/min", "taken_at": "2026-01-01T08:00:00Z", "note": note});

    let res =
        app.authed(Method::POST, "/me/measurements", &t, Some(&reading("before\0after"))).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("note"));

    let res = app
        .authed(
            Method::POST,
            "/me/measurements/batch",
            &t,
            Some(&json!({"items": [reading("fine"), reading("\0")]})),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("items[1].note"));

    let mut with_client_id = reading("fine");
    with_client_id["client_id"] = json!("id\0");
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&with_client_id)).await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("client_id"));
    assert_eq!(count_measurements(&app).await, 0);

    // Editing a stored reading to hold a NUL is refused too.
    let res = app.authed(Method::POST, "/me/measurements", &t, Some(&reading("fine"))).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let res = app
        .authed(Method::PATCH, &format!("/me/measurements/{id}"), &t, Some(&json!({"note": "x\0"})))
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("note"));
    let now: Value =
        app.get_authed(&format!("/me/measurements/{id}"), &t).await.json().await.unwrap();
    assert_eq!(now["note"], "fine");
}

#[tokio::test]
async fn nul_characters_in_account_fields_are_refused() {
    let app = spawn_app().await;
    for (body, field) in [
        (json!({"email": "bea@example.org", "password": PASSWORD, "handle": "bea\0x"}), "handle"),
        (json!({"email": "bea\0@example.org", "password": PASSWORD, "handle": "bea"}), "email"),
        (
            json!({"email": "bea@example.org", "password": format!("{PASSWORD}\0"), "handle": "bea"}),
            "password",
        ),
    ] {
        let res = app.post("/auth/register", &body).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&problem), invalid(field));
    }
    assert_eq!(count_users(&app), 0, "no account was created");

    let t = app.patient("bea").await;
    for (body, field) in
        [(json!({"country": "D\0"}), "country"), (json!({"handle": "bea\0"}), "handle")]
    {
        let res = app.authed(Method::PATCH, "/me", &t, Some(&body)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&problem), invalid(field));
    }
    let me: Value = app.get_authed("/me", &t).await.json().await.unwrap();
    assert_eq!(me["handle"], "bea");
    assert_eq!(me["country"], Value::Null);
    let res =
        app.post("/auth/login", &json!({"email": "bea@example.org\0", "password": PASSWORD})).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&problem), invalid("email"));
}

#[tokio::test]
async fn nul_characters_in_text_answers_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("cal").await;
    let meta = json!({"slug": "journal", "title": "Journal", "description": "Placeholder", "licence": "Test", "recommended_interval_days": 1});
    let res = app.authed(Method::POST, "/questionnaires", &admin, Some(&meta)).await;
    assert_eq!(res.status(), 201);
    let def = json!({
        "items": [
            {"key": "mood", "text": "Mood today", "type": "integer", "min": 0, "max": 10},
            {"key": "entry", "text": "How was today?", "type": "text", "required": false, "scored": false}
        ],
        "scoring": {"method": "sum", "items": ["mood"]},
        "bands": [{"min": 0, "max": 10, "label": "any"}]
    });
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/journal/versions",
            &admin,
            Some(&json!({"definition": def})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res =
        app.authed(Method::POST, "/questionnaires/journal/versions/1/publish", &admin, None).await;
    assert_eq!(res.status(), 204);

    let answer = |entry: &str| json!({"version": 1, "answers": {"mood": 5, "entry": entry}});
    let res = app
        .authed(Method::POST, "/questionnaires/journal/responses", &t, Some(&answer("a\0b")))
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("answers.entry"));
    // A NUL in an answer key is refused before the key is looked at.
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/journal/responses",
            &t,
            Some(&json!({"version": 1, "answers": {"mood": 5, "en\0try": "x"}})),
        )
        .await;
    let body = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(fields(&body), invalid("answers"));
    let res = app
        .authed(Method::POST, "/questionnaires/journal/responses", &t, Some(&answer("a b")))
        .await;
    assert_eq!(res.status(), 201, "the same answer without the NUL is stored");
}

#[tokio::test]
async fn a_nul_byte_in_an_import_names_its_line() {
    let app = spawn_app().await;
    let t = app.patient("dov").await;
    let csv = "type,value,unit,taken_at,note\n\
               heart_rate,60,/min,2026-01-01T08:00:00Z,fine\n\
               heart_rate,61,/min,2026-01-01T09:00:00Z,bad\0note\n";
    for dry_run in [true, false] {
        let res = app
            .client
            .post(app.api(&format!("/me/measurements/import?dry_run={dry_run}")))
            .bearer_auth(&t)
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&body), invalid("lines[3]"));
    }
    assert_eq!(count_measurements(&app).await, 0);
}

#[tokio::test]
async fn nul_in_a_query_is_422_and_in_a_path_404() {
    let app = spawn_app().await;
    let t = app.patient("eli").await;
    for q in ["type=%00", "type=heart%00rate", "from=2026-01-01T00:00:00Z%00", "cursor=%00"] {
        let res = app.get_authed(&format!("/me/measurements?{q}"), &t).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(fields(&body), invalid("query"), "{q}");
    }
    let res = app.get_authed("/me/measurements/summary?type=heart_rate%00&bucket=day", &t).await;
    assert_problem(res, 422, "validation_failed").await;
    for path in ["/me/measurements/abc%00def", "/questionnaires/phq%00-9", "/me%00"] {
        let res = app.get_authed(path, &t).await;
        assert_problem(res, 404, "not_found").await;
    }
    let res = app.client.get(app.api("/questionnaires/phq%00-9")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
    // The same requests without the NUL are fine.
    assert_eq!(app.get_authed("/me/measurements?type=heart_rate", &t).await.status(), 200);
}
