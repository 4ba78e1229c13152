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
