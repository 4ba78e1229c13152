//! One cursor format for every list (issue 13): a cursor that is not ours, or that belongs to
//! another list, is 422 `invalid_cursor` on each of them.

use crate::helpers::assert_problem;
use kindred_tests::spawn_app;
use serde_json::Value;

#[tokio::test]
async fn every_list_refuses_a_cursor_that_is_not_its_own() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let patient = app.patient("pia").await;
    app.patient("quin").await;
    // A real cursor of the admin user list (ids), to try on the lists keyed by time.
    let users: Value = app.get_authed("/admin/users?limit=1", &admin).await.json().await.unwrap();
    let users_cursor = users["next_cursor"].as_str().expect("a second page").to_string();
    let page2: Value = app
        .get_authed(&format!("/admin/users?limit=1&cursor={users_cursor}"), &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(page2["items"][0]["id"], users["items"][0]["id"], "the cursor moves on");

    let lists = [
        ("/admin/users", &admin),
        ("/admin/audit", &admin),
        ("/me/measurements", &patient),
        ("/me/responses", &patient),
    ];
    for (path, token) in lists {
        for bad in ["garbage", "1.", "2.WyIxIl0", "%00"] {
            let body = assert_problem(
                app.get_authed(&format!("{path}?cursor={bad}"), token).await,
                422,
                "validation_failed",
            )
            .await;
            let codes: Vec<&str> = body["errors"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e["code"].as_str())
                .collect();
            assert!(
                codes.contains(&"invalid_cursor") || codes.contains(&"invalid_character"),
                "{path} {bad}: {body}"
            );
        }
    }
    for path in ["/me/measurements", "/me/responses"] {
        let body = assert_problem(
            app.get_authed(&format!("{path}?cursor={users_cursor}"), &patient).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["code"], "invalid_cursor", "{path}: {body}");
    }
}
