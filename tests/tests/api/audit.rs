//! The hash-chained audit log.

use diesel::connection::SimpleConnection;
use kindred_db::queries::audit::{self, NewAuditEvent};
use kindred_db::{DbConn, DbError};
use kindred_tests::TestDb;

fn append(conn: &mut DbConn, n: usize, who: &str) {
    for i in 0..n {
        let ev = NewAuditEvent::custom("test.event", Some(who))
            .subject("thing", "t1")
            .details(serde_json::json!({ "i": i }));
        audit::record(conn, &ev).unwrap();
    }
}

#[test]
fn records_and_verifies_a_chain() {
    let db = TestDb::new();
    let pool = db.pool();
    pool.run(|c| {
        let empty = audit::verify(c)?;
        assert_eq!((empty.checked, empty.first_broken), (0, None));
        append(c, 25, "u1");
        let r = audit::verify(c)?;
        assert_eq!(r.checked, 25);
        assert_eq!(r.first_broken, None);
        let newest = audit::list(c, None, 5, None, None)?;
        assert_eq!(newest.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![25, 24, 23, 22, 21]);
        Ok::<_, DbError>(())
    })
    .unwrap();
}

#[test]
fn events_commit_and_roll_back_with_their_transaction() {
    let db = TestDb::new();
    let pool = db.pool();
    pool.run(|c| {
        let failed: Result<(), DbError> = kindred_db::write_tx(c, |c| {
            append(c, 1, "u1");
            Err(DbError::NotFound)
        });
        assert!(failed.is_err());
        assert_eq!(audit::verify(c)?.checked, 0, "rolled-back event is gone");
        kindred_db::write_tx(c, |c| {
            append(c, 2, "u1");
            Ok::<_, DbError>(())
        })?;
        let r = audit::verify(c)?;
        assert_eq!((r.checked, r.first_broken), (2, None));
        Ok::<_, DbError>(())
    })
    .unwrap();
}

#[test]
fn the_table_refuses_updates_and_deletes() {
    let db = TestDb::new();
    let pool = db.pool();
    pool.run(|c| {
        append(c, 2, "u1");
        for sql in [
            "UPDATE audit_events SET action = 'x' WHERE seq = 1",
            "DELETE FROM audit_events WHERE seq = 2",
        ] {
            let err = c.batch_execute(sql).unwrap_err().to_string();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        if db.is_postgres() {
            let err = c.batch_execute("TRUNCATE audit_events").unwrap_err().to_string();
            assert!(err.contains("append-only"), "{err}");
        }
        assert_eq!(audit::verify(c)?.checked, 2);
        Ok::<_, DbError>(())
    })
    .unwrap();
}

/// Bypasses the append-only trigger the way an attacker with database access could.
fn tamper(db: &TestDb, c: &mut DbConn, sql: &str) {
    if db.is_postgres() {
        c.batch_execute(&format!(
            "BEGIN; SET LOCAL session_replication_role = replica; {sql}; COMMIT;"
        ))
        .unwrap();
    } else {
        c.batch_execute(&format!(
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; {sql};"
        ))
        .unwrap();
    }
}

#[test]
fn verify_names_the_first_tampered_row() {
    let cases = [
        ("UPDATE audit_events SET details = '{\"i\":99}' WHERE seq = 7", 7, "content"),
        ("DELETE FROM audit_events WHERE seq = 4", 4, "missing"),
        ("UPDATE audit_events SET prev_hash = hash WHERE seq = 9", 9, "prev_hash"),
        ("DELETE FROM audit_events WHERE seq = 10", 10, "end of the chain"),
    ];
    for (sql, broken, why) in cases {
        let db = TestDb::new();
        let pool = db.pool();
        pool.run(|c| {
            append(c, 10, "u1");
            tamper(&db, c, sql);
            let r = audit::verify(c)?;
            assert_eq!(r.first_broken, Some(broken), "{sql}");
            assert!(r.reason.as_deref().unwrap().contains(why), "{sql}: {:?}", r.reason);
            Ok::<_, DbError>(())
        })
        .unwrap();
    }
}

/// Parallel writers on separate connections never fork the chain: every event gets its own
/// sequence number and the chain verifies.
#[test]
fn parallel_writers_never_fork_the_chain() {
    let db = TestDb::new();
    let pool = db.pool();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let who = format!("writer-{t}");
                for i in 0..25 {
                    pool.run(|c| {
                        kindred_db::write_tx(c, |c| {
                            let ev = NewAuditEvent::custom("test.parallel", Some(&who))
                                .details(serde_json::json!({ "i": i }));
                            audit::record(c, &ev)
                        })
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let r = pool.run(audit::verify).unwrap();
    assert_eq!(r.checked, 200);
    assert_eq!(r.first_broken, None, "{:?}", r.reason);
}

// ---- GET /admin/audit: filters (black-box) ------------------------------------------------

/// The events of `GET /admin/audit?<query>` as `admin` (one page of up to 200).
async fn audit_page(
    app: &kindred_tests::TestApp,
    admin: &kindred_tests::actors::Actor,
    query: &str,
) -> Vec<serde_json::Value> {
    let res = app.get_as(admin, &format!("/admin/audit?limit=200&{query}")).await;
    assert_eq!(res.status(), 200, "{query}: {}", res.text().await.unwrap_or_default());
    let body: serde_json::Value = res.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

fn seqs(items: &[serde_json::Value]) -> Vec<i64> {
    items.iter().map(|e| e["seq"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn admins_filter_the_audit_log_by_subject_and_time() {
    use crate::helpers::assert_problem;
    use kindred_tests::actors;
    let app = kindred_tests::spawn_app().await;
    let admin = actors::admin(&app).await;
    let first = actors::suspended_by(&app, &admin).await;
    let second = actors::suspended_by(&app, &admin).await;

    // By subject: the events about one account, and nothing about the other.
    let about_first =
        audit_page(&app, &admin, &format!("subject_type=user&subject_id={}", first.id)).await;
    assert!(!about_first.is_empty());
    assert!(about_first
        .iter()
        .all(|e| e["subject_type"] == "user" && e["subject_id"] == first.id.as_str()));
    let suspension = about_first
        .iter()
        .find(|e| e["action"] == "admin.user_suspended")
        .expect("the suspension is about the account")
        .clone();
    let by_id = audit_page(&app, &admin, &format!("subject_id={}", first.id)).await;
    assert_eq!(seqs(&by_id), seqs(&about_first));
    let suspensions =
        audit_page(&app, &admin, &format!("action=admin.user_suspended&subject_id={}", second.id))
            .await;
    assert_eq!(suspensions.len(), 1);
    assert_eq!(suspensions[0]["subject_id"], second.id.as_str());
    assert!(audit_page(&app, &admin, "subject_type=study").await.is_empty());

    // By time: `from` is inclusive, `to` exclusive; both together are a range.
    let at = suspension["occurred_at"].as_str().unwrap().to_string();
    let seq = suspension["seq"].as_i64().unwrap();
    let enc = |t: &str| t.replace('+', "%2B");
    let from = audit_page(&app, &admin, &format!("from={}", enc(&at))).await;
    assert!(seqs(&from).contains(&seq), "from is inclusive");
    let to = audit_page(&app, &admin, &format!("to={}", enc(&at))).await;
    assert!(!seqs(&to).contains(&seq), "to is exclusive");
    assert!(to.iter().all(|e| e["seq"].as_i64().unwrap() < seq));
    let all = audit_page(&app, &admin, "").await;
    assert_eq!(from.len() + to.len(), all.len(), "the two halves make the whole log");
    let window =
        audit_page(&app, &admin, "from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B02:00").await;
    assert_eq!(seqs(&window), seqs(&all));
    assert!(audit_page(&app, &admin, "from=2999-01-01T00:00:00Z").await.is_empty());
    assert!(audit_page(&app, &admin, "to=2000-01-01T00:00:00Z").await.is_empty());

    // Bad filters are 422s naming each parameter.
    for (query, field, code) in [
        ("from=yesterday", "from", "invalid_datetime"),
        ("to=2026-02-30T00:00:00Z", "to", "invalid_datetime"),
        ("from=2026-01-01", "from", "invalid_datetime"),
        ("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to", "before_from"),
        ("from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to", "before_from"),
        ("subject_type=User", "subject_type", "invalid_subject_type"),
        ("subject_type=", "subject_type", "invalid_subject_type"),
        ("subject_id=", "subject_id", "invalid_subject_id"),
        ("action=admin.user_suspend", "action", "unknown_action"),
    ] {
        let res = app.get_as(&admin, &format!("/admin/audit?{query}")).await;
        let body = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
        assert_eq!(body["errors"][0]["code"], code, "{query}: {body}");
    }
    let long = "x".repeat(101);
    let res = app.get_as(&admin, &format!("/admin/audit?subject_id={long}")).await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app.get_as(&admin, "/admin/audit?from=soon&to=later&subject_type=A").await;
    let body = assert_problem(res, 422, "validation_failed").await;
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["subject_type", "from", "to"]);

    // Only admins, whatever the filters.
    let patient = actors::patient(&app).await;
    for query in [format!("subject_id={}", patient.id), "from=yesterday".to_string()] {
        let res = app.get_as(&patient, &format!("/admin/audit?{query}")).await;
        assert_problem(res, 403, "admin_only").await;
    }
}

/// The `Action` schema the audit endpoint refers to is in the document, with every action by
/// its stored name, and nothing in the document refers to a schema it does not define.
#[tokio::test]
async fn the_action_schema_is_documented() {
    let app = kindred_tests::spawn_app().await;
    let doc: serde_json::Value =
        app.client.get(app.api("/openapi.json")).send().await.unwrap().json().await.unwrap();
    let action = &doc["components"]["schemas"]["Action"];
    let values: Vec<&str> = action["enum"]
        .as_array()
        .expect("Action enum")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let want: Vec<&str> = kindred_domain::audit::Action::ALL.iter().map(|a| a.as_str()).collect();
    assert_eq!(values, want);
    assert!(values.contains(&"admin.user_suspended"));
    let params = doc["paths"]["/api/v1/admin/audit"]["get"]["parameters"].as_array().unwrap();
    let param =
        |name: &str| params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(param("action")["schema"]["$ref"], "#/components/schemas/Action");
    for name in ["from", "to"] {
        assert_eq!(param(name)["schema"]["format"], "date-time", "{name}");
    }
    for name in ["subject_type", "subject_id", "actor"] {
        param(name);
    }

    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(r) = m.get("$ref").and_then(|r| r.as_str()) {
                    out.push(r.to_string());
                }
                m.values().for_each(|v| refs(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    let dangling: Vec<&String> = all
        .iter()
        .filter(|r| {
            let name = r.trim_start_matches("#/components/schemas/");
            doc["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "references to missing schemas: {dangling:?}");
}
