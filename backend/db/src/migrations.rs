//! Migrations, embedded in the binary: one tree per backend with identical names.

use diesel::RunQueryDsl;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::{DbConn, DbError};

/// SQLite migrations (`migrations/sqlite`).
pub const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
/// PostgreSQL migrations (`migrations/postgres`).
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// An arbitrary, fixed advisory-lock key: replicas starting together migrate one at a time.
const PG_MIGRATION_LOCK: i64 = 0x6b696e64;

fn mig_err(e: impl std::fmt::Display) -> DbError {
    DbError::Migration(e.to_string())
}

/// Applies every pending migration; returns the names applied.
pub fn run_pending(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    match conn {
        DbConn::Sqlite(c) => {
            let done = c.run_pending_migrations(SQLITE).map_err(mig_err)?;
            Ok(done.iter().map(|v| v.to_string()).collect())
        }
        DbConn::Postgresql(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({PG_MIGRATION_LOCK})"))
                .execute(c)?;
            let result = c
                .run_pending_migrations(POSTGRES)
                .map(|done| done.iter().map(|v| v.to_string()).collect::<Vec<_>>());
            diesel::sql_query(format!("SELECT pg_advisory_unlock({PG_MIGRATION_LOCK})"))
                .execute(c)?;
            result.map_err(mig_err)
        }
    }
}

/// Reverts every applied migration (tests use it to prove that down migrations work).
pub fn revert_all(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let done = match conn {
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE).map_err(mig_err)?,
        DbConn::Postgresql(c) => c.revert_all_migrations(POSTGRES).map_err(mig_err)?,
    };
    Ok(done.iter().map(|v| v.to_string()).collect())
}

/// Reverts the last applied migration; returns its name (tests use it to replay one upgrade).
pub fn revert_last(conn: &mut DbConn) -> Result<String, DbError> {
    let done = match conn {
        DbConn::Sqlite(c) => c.revert_last_migration(SQLITE).map_err(mig_err)?,
        DbConn::Postgresql(c) => c.revert_last_migration(POSTGRES).map_err(mig_err)?,
    };
    Ok(done.to_string())
}

/// The names of the embedded migrations for each backend, in order: (sqlite, postgres).
pub fn names() -> Result<(Vec<String>, Vec<String>), DbError> {
    use diesel::migration::MigrationSource;
    let sqlite = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE).map_err(mig_err)?;
    let pg = MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES).map_err(mig_err)?;
    Ok((
        sqlite.iter().map(|m| m.name().to_string()).collect(),
        pg.iter().map(|m| m.name().to_string()).collect(),
    ))
}
