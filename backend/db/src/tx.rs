//! Write transactions.

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use crate::DbConn;

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
    E: From<diesel::result::Error>,
{
    let nested =
        matches!(Tm::transaction_manager_status_mut(conn).transaction_depth(), Ok(Some(_)));
    let sqlite_top = !nested && matches!(conn, DbConn::Sqlite(_));
    if !sqlite_top {
        return conn.transaction(f);
    }
    if let DbConn::Sqlite(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    }
    match f(conn) {
        Ok(value) => match Tm::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(commit_err) => {
                // The commit failed: make sure nothing is left open before reporting it.
                let _ = Tm::rollback_transaction(conn);
                Err(commit_err.into())
            }
        },
        Err(user_err) => match Tm::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(user_err),
            Err(rollback_err) => Err(rollback_err.into()),
        },
    }
}
