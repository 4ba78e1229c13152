//! Stored secrets: argon2id hashes in the pinned format; no raw token of any kind stored.

use diesel::prelude::*;
use kindred_tests::http::PASSWORD;
use kindred_tests::mail::link_with_token;
use kindred_tests::spawn_app;
use serde_json::json;

/// Every text value of every table, as one string per row.
fn dump(app: &kindred_tests::TestApp) -> Vec<String> {
    let tables = [
        "users",
        "sessions",
        "refresh_tokens",
        "email_tokens",
        "login_failures",
        "outbox",
        "audit_events",
        "user_conditions",
    ];
    let mut out = Vec::new();
    for t in tables {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            j: String,
        }
        let sql = if app.db.is_postgres() {
            format!("SELECT row_to_json(x)::text AS j FROM {t} x")
        } else {
            // SQLite: concatenate every column of the row.
            let cols: Vec<String> = app
                .pool
                .run(|c| {
                    #[derive(QueryableByName)]
                    struct Col {
                        #[diesel(sql_type = diesel::sql_types::Text)]
                        name: String,
                    }
                    diesel::sql_query(format!("SELECT name FROM pragma_table_info('{t}')"))
                        .load::<Col>(c)
                        .map_err(kindred_db::DbError::from)
                })
                .unwrap()
                .into_iter()
                .map(|c| format!("COALESCE(CAST({} AS TEXT), '')", c.name))
                .collect();
            format!("SELECT {} AS j FROM {t}", cols.join(" || '|' || "))
        };
        let rows: Vec<Row> = app
            .pool
            .run(|c| diesel::sql_query(&sql).load(c).map_err(kindred_db::DbError::from))
            .unwrap();
        out.extend(rows.into_iter().map(|r| r.j));
    }
    out
}

#[tokio::test]
async fn hashes_use_the_pinned_parameters_and_no_raw_token_is_stored() {
    let app = spawn_app().await;
    app.post(
        "/auth/register",
        &json!({"email": "hal@example.org", "password": PASSWORD, "handle": "hal"}),
    )
    .await;
    let verify_mail = app.mail.wait_for("hal@example.org", "Confirm").await;
    let (_, verify_token) = link_with_token(&verify_mail, "/verify-email");
    app.post("/auth/verify-email", &json!({"token": verify_token})).await;
    let login = app.login("hal@example.org", PASSWORD).await;
    let refresh = login["refresh_token"].as_str().unwrap().to_string();
    let access = login["access_token"].as_str().unwrap().to_string();
    let rotated: serde_json::Value =
        app.post("/auth/refresh", &json!({"refresh_token": refresh})).await.json().await.unwrap();
    app.post("/auth/password-reset/request", &json!({"email": "hal@example.org"})).await;
    let reset_mail = app.mail.wait_for("hal@example.org", "Reset").await;
    let (_, reset_token) = link_with_token(&reset_mail, "/reset-password");

    let hash: Option<String> = app
        .pool
        .run(|c| {
            use kindred_db::schema::users::dsl::*;
            users
                .filter(handle.eq("hal"))
                .select(password_hash)
                .first(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    assert!(hash.unwrap().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    let rows = dump(&app);
    assert!(rows.len() > 5, "dumped the tables");
    let secrets = [
        ("verification token", verify_token.as_str()),
        ("reset token", reset_token.as_str()),
        ("refresh token", refresh.as_str()),
        ("rotated refresh token", rotated["refresh_token"].as_str().unwrap()),
        ("access token", access.as_str()),
        ("password", PASSWORD),
    ];
    for (what, secret) in secrets {
        assert!(rows.iter().all(|r| !r.contains(secret)), "{what} stored in the clear");
    }
    // The stored form is there (so the search above looked in the right place).
    let hashed = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(refresh.as_bytes()));
    assert!(rows.iter().any(|r| r.contains(&hashed)));
}
