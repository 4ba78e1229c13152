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
