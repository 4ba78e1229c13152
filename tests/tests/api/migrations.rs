//! Migration trees and reversibility.

use kindred_db::{migrations, DbError};
use kindred_tests::TestDb;

#[test]
fn both_trees_hold_the_same_migration_names() {
    let (sqlite, pg) = migrations::names().unwrap();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, pg);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let list = |b: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(b))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(list("sqlite"), list("postgres"));
    for dir in list("sqlite") {
        for b in ["sqlite", "postgres"] {
            for f in ["up.sql", "down.sql"] {
                assert!(root.join(b).join(&dir).join(f).is_file(), "{b}/{dir}/{f} missing");
            }
        }
    }
}

#[test]
fn up_down_up_works() {
    let db = TestDb::empty();
    let pool = db.pool();
    let all = migrations::names().unwrap().0;
    pool.run(|c| {
        assert_eq!(migrations::run_pending(c)?.len(), all.len());
        assert_eq!(migrations::revert_all(c)?.len(), all.len());
        assert_eq!(migrations::run_pending(c)?.len(), all.len());
        assert!(migrations::run_pending(c)?.is_empty(), "nothing left to apply");
        Ok::<_, DbError>(())
    })
    .unwrap();
}

/// An install from before the declaration that PHQ-9 covers PHQ-2 gets it on upgrade (its
/// version 1 is already stored, so the seeds alone would not add it).
#[test]
fn upgrading_declares_that_phq9_covers_phq2_in_the_stored_version() {
    let db = TestDb::empty();
    let pool = db.pool();
    pool.run(migrations::run_pending).unwrap();
    kindred::startup::seed_questionnaires(&pool).unwrap();
    let covers = |pool: &kindred_db::DbPool| {
        pool.run(|c| {
            let q = kindred_db::queries::questionnaires::find_by_slug(c, "phq-9")?.unwrap();
            let v = kindred_db::queries::questionnaires::versions(c, &q.id)?;
            let def: serde_json::Value = serde_json::from_str(&v[0].definition).unwrap();
            Ok::<_, DbError>((def["covers"].clone(), q.description))
        })
        .unwrap()
    };
    let (now, description) = covers(&pool);
    assert_eq!(now, serde_json::json!(["phq-2"]));
    assert!(description.contains("one optional question"), "{description}");
    // Back to before the migration (as an older install stored it), then upgrade again.
    pool.run(|c| {
        // A version is its name's digits.
        while migrations::revert_last(c)? != "20261202000001" {}
        Ok::<_, DbError>(())
    })
    .unwrap();
    let (before, description) = covers(&pool);
    assert_eq!(before, serde_json::Value::Null, "the down migration removes it");
    assert!(description.starts_with("Nine questions about low mood and related problems. Over"));
    pool.run(migrations::run_pending).unwrap();
    let (after, description) = covers(&pool);
    assert_eq!(after, serde_json::json!(["phq-2"]));
    assert!(description.contains("one optional question"), "{description}");
}
