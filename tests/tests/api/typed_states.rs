//! Typed states (issue 13): a stored state that is not a known value is an error naming the
//! row (in the log), never read as a default. The answer is a generic 500.

use crate::helpers::assert_problem;
use diesel::prelude::*;
use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn stored_flags_that_do_not_parse_are_an_error_not_no_flags() {
    let app = spawn_app().await;
    let t = app.patient("rho").await;
    let answers = json!({"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3, "q6": 0, "q7": 0});
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/gad-7/responses",
            &t,
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(app.get_authed("/me/responses", &t).await.status(), 200);
    // A row whose flags column holds something that is not a list of flags (a bad migration,
    // a hand edit): reading it as "no flags" would hide a `self_harm_risk`.
    app.pool
        .run(|c| {
            use kindred_db::schema::responses::dsl as r;
            diesel::update(r::responses)
                .set(r::flags.eq("{not json"))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    let body =
        assert_problem(app.get_authed("/me/responses", &t).await, 500, "internal_error").await;
    assert!(!body.to_string().contains("not json"), "no stored value in the answer: {body}");
}

#[test]
fn a_corrupt_row_is_named_in_the_error() {
    let e = kindred_db::DbError::Corrupt {
        table: "users",
        id: "row-42".into(),
        column: "role",
        value: "wizard".into(),
    };
    let text = e.to_string();
    assert!(text.contains("row-42") && text.contains("users") && text.contains("role"), "{text}");
}
