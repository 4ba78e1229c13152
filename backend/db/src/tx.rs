//! Write transactions.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use crate::{DbConn, DbError};

type Tm = <DbConn as Connection>::TransactionManager;

/// Runs `f` in a transaction meant to write.
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`, taking the write lock up front: a
/// deferred transaction that reads and then writes can fail with `SQLITE_BUSY` when another
/// writer committed in between, which `busy_timeout` does not retry. On PostgreSQL it is an
/// ordinary transaction. Called inside a transaction, it becomes a savepoint.
pub fn write_tx<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<DbError>,
{
    let nested =
        matches!(Tm::transaction_manager_status_mut(conn).transaction_depth(), Ok(Some(_)));
    let sqlite_top = !nested && matches!(conn, DbConn::Sqlite(_));
    if !sqlite_top {
        // diesel's `transaction` wants the closure's error to hold its own errors; wrap ours.
        enum Either<E> {
            Db(DbError),
            Caller(E),
        }
        impl<E> From<diesel::result::Error> for Either<E> {
            fn from(e: diesel::result::Error) -> Self {
                Either::Db(e.into())
            }
        }
        return match conn.transaction(|c| f(c).map_err(Either::Caller)) {
            Ok(v) => Ok(v),
            Err(Either::Caller(e)) => Err(e),
            Err(Either::Db(e)) => Err(e.into()),
        };
    }
    run_with_begin(conn, "BEGIN IMMEDIATE", f)
}

/// Runs `f` in a read-only snapshot: every read inside sees the database as of one moment,
/// and no write lock is taken, so writers are never held up (SQLite in WAL mode lets readers
/// and one writer proceed together; PostgreSQL uses `REPEATABLE READ READ ONLY`). For long
/// reads such as a member's data export.
pub fn read_snapshot<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<DbError>,
{
    let begin = match conn {
        DbConn::Sqlite(_) => "BEGIN DEFERRED",
        DbConn::Postgresql(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    };
    run_with_begin(conn, begin, f)
}

fn run_with_begin<T, E, F>(conn: &mut DbConn, begin: &str, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<DbError>,
{
    match conn {
        DbConn::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, begin).map_err(DbError::from)?
        }
        DbConn::Postgresql(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, begin).map_err(DbError::from)?
        }
    }
    match f(conn) {
        Ok(value) => match Tm::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(commit_err) => {
                // The commit failed: make sure nothing is left open before reporting it.
                let _ = Tm::rollback_transaction(conn);
                Err(DbError::from(commit_err).into())
            }
        },
        Err(user_err) => match Tm::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(user_err),
            Err(rollback_err) => Err(DbError::from(rollback_err).into()),
        },
    }
}
