//! Right of access (export) and erasure, and the guard that keeps both complete.

use diesel::prelude::*;
use kindred_db::queries::privacy::{Erasure, USER_TABLES};
use kindred_tests::http::PASSWORD;
use kindred_tests::{actors, spawn_app, TestDb};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn export_holds_everything_about_me_and_nothing_about_others() {
    let app = spawn_app().await;
    let tia = actors::patient(&app).await;
    let other = actors::another_patient(&app).await;
    let t = tia.token.clone();
    app.authed(
        Method::POST,
        "/me/conditions",
        &t,
        Some(&json!({"condition": "asthma", "status": "active"})),
    )
    .await;
    app.authed(Method::PATCH, "/me", &t, Some(&json!({"birth_year": 1975}))).await;
    let res = app.get_authed("/me/export", &t).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let doc: Value = res.json().await.unwrap();
    let data = &doc["data"];
    assert_eq!(doc["format"], "kindred-export/1");
    assert_eq!(data["account"]["email"], tia.email.as_str());
    assert_eq!(data["account"]["birth_year"], 1975);
    assert_eq!(data["conditions"][0]["condition"], "asthma");
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    assert!(data["emails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["subject"].as_str().unwrap().contains("Confirm")));
    let actions: Vec<&str> = data["audit_trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"auth.registered") && actions.contains(&"auth.login_succeeded"),
        "{actions:?}"
    );
    let text = doc.to_string();
    assert!(!text.contains(&other.email), "nothing about other members");
    assert!(!text.contains(&other.id) && !text.contains(&other.handle), "nor their id or handle");
    assert!(!text.contains("$argon2"), "no password hash");
}

#[tokio::test]
async fn erasure_removes_personal_data_and_ends_access() {
    let app = spawn_app().await;
    let val = actors::patient(&app).await;
    let (t, id) = (val.token.clone(), val.id.clone());
    app.authed(
        Method::POST,
        "/me/conditions",
        &t,
        Some(&json!({"condition": "lupus", "status": "active"})),
    )
    .await;
    let res = app.authed(Method::DELETE, "/me", &t, Some(&json!({"password": PASSWORD}))).await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_authed("/me", &t).await.status(), 401, "token dead after deletion");
    assert_eq!(
        app.post("/auth/login", &json!({"email": val.email, "password": PASSWORD})).await.status(),
        401
    );

    let uid = id.clone();
    let (user, conds, sessions, emails) = app
        .pool
        .run(move |c| {
            use kindred_db::schema::*;
            let user: (Option<String>, String, Option<String>, String, Option<i32>) = users::table
                .find(&uid)
                .select((
                    users::email,
                    users::handle,
                    users::password_hash,
                    users::status,
                    users::birth_year,
                ))
                .first(c)?;
            let conds: i64 = user_conditions::table
                .filter(user_conditions::user_id.eq(&uid))
                .count()
                .get_result(c)?;
            let sess: i64 =
                sessions::table.filter(sessions::user_id.eq(&uid)).count().get_result(c)?;
            let mails: i64 =
                outbox::table.filter(outbox::user_id.eq(&uid)).count().get_result(c)?;
            Ok::<_, kindred_db::DbError>((user, conds, sess, mails))
        })
        .unwrap();
    assert_eq!(user.0, None, "email gone");
    assert!(user.1.starts_with("deleted-"), "handle replaced: {}", user.1);
    assert_eq!(user.2, None, "password hash gone");
    assert_eq!(user.3, "deleted");
    assert_eq!(user.4, None);
    assert_eq!((conds, sessions, emails), (0, 0, 0));
    // The address can register again as a new account; the audit chain still verifies.
    assert_eq!(
        app.post(
            "/auth/register",
            &json!({"email": val.email, "password": PASSWORD, "handle": "val2"})
        )
        .await
        .status(),
        202
    );
    let report = app.pool.run(kindred_db::queries::audit::verify).unwrap();
    assert_eq!(report.first_broken, None);
}

/// Fails when a table refers to users (by foreign key, or by a `*user_id` / `actor_id` column)
/// but is covered by neither export nor erasure.
#[test]
fn every_table_with_a_user_reference_is_covered() {
    #[derive(QueryableByName, Debug)]
    struct Ref {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table_name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        column_name: String,
    }
    let db = TestDb::new();
    let sql = if db.is_postgres() {
        "SELECT kcu.table_name::text AS table_name, kcu.column_name::text AS column_name
           FROM information_schema.referential_constraints rc
           JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
           JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name
          WHERE ccu.table_name = 'users'
         UNION
         SELECT table_name::text, column_name::text FROM information_schema.columns
          WHERE table_schema = 'public' AND (column_name LIKE '%user_id' OR column_name = 'actor_id')"
    } else {
        "SELECT m.name AS table_name, p.\"from\" AS column_name
           FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p
          WHERE m.type = 'table' AND p.\"table\" = 'users'
         UNION
         SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
          WHERE m.type = 'table' AND (p.name LIKE '%user_id' OR p.name = 'actor_id')"
    };
    let refs: Vec<Ref> = db
        .pool()
        .run(|c| diesel::sql_query(sql).load(c).map_err(kindred_db::DbError::from))
        .unwrap();
    assert!(refs.len() >= 6, "introspection found the references: {refs:?}");
    for r in &refs {
        let entry = USER_TABLES.iter().find(|t| t.table == r.table_name);
        let entry = entry.unwrap_or_else(|| {
            panic!("table {} refers to users but is not in privacy::USER_TABLES", r.table_name)
        });
        assert!(
            entry.user_columns.contains(&r.column_name.as_str()),
            "{}.{} refers to users but is not listed in its user_columns",
            r.table_name,
            r.column_name
        );
        assert!(
            entry.export_key.is_some() || entry.erasure != Erasure::Retain(""),
            "{} is covered by neither export nor erasure",
            r.table_name
        );
    }
    // And the registry names no table that does not exist.
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let list = if db.is_postgres() {
        "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    };
    let names: Vec<String> = db
        .pool()
        .run(|c| diesel::sql_query(list).load::<Name>(c).map_err(kindred_db::DbError::from))
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    for t in USER_TABLES {
        assert!(names.contains(&t.table.to_string()), "registry names missing table {}", t.table);
    }
}
