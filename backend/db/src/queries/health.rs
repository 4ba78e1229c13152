//! Database reachability.

use diesel::connection::SimpleConnection;

use crate::{DbConn, DbError};

/// One round trip to the database.
pub fn ping(conn: &mut DbConn) -> Result<(), DbError> {
    conn.batch_execute("SELECT 1")?;
    Ok(())
}
