//! Consistent copies of a live SQLite database (`kindred backup`). PostgreSQL is backed up
//! with its own tools (`pg_dump`, see `docs/operations.md`), not through here.

use std::path::Path;

use diesel::RunQueryDsl;

use crate::{DbConn, DbError};

/// Writes a consistent copy of the SQLite database behind `conn` into `target`, which must not
/// exist or must be an empty file (SQLite refuses anything else).
///
/// `VACUUM INTO` reads the whole database inside one read transaction, so the copy is the
/// database as of one commit, and in WAL mode writers go on committing meanwhile. The copy is
/// a self-contained database file (no `-wal` beside it). SQLite does not fsync it: a caller
/// that needs it on disk syncs it. On PostgreSQL this refuses with [`DbError::Config`].
pub fn vacuum_into(conn: &mut DbConn, target: &Path) -> Result<(), DbError> {
    let DbConn::Sqlite(c) = conn else {
        return Err(DbError::Config(
            "VACUUM INTO copies SQLite databases only; back up PostgreSQL with pg_dump".into(),
        ));
    };
    let path = target.to_str().ok_or_else(|| {
        DbError::Config(format!("the backup path {} is not valid UTF-8", target.display()))
    })?;
    diesel::sql_query("VACUUM INTO ?").bind::<diesel::sql_types::Text, _>(path).execute(c)?;
    Ok(())
}
