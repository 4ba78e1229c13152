//! One error type for the data layer, mapping constraint violations the same on both backends.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What can go wrong in the data layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique constraint was violated. `constraint` is `<table>_<columns>_key` (or the
    /// name of a unique index), identical on SQLite and PostgreSQL.
    #[error("unique constraint {constraint} violated")]
    UniqueViolation {
        /// The constraint or index name.
        constraint: String,
    },
    /// A foreign key was violated (a referenced row does not exist or is still referenced).
    #[error("foreign key violation")]
    ForeignKeyViolation,
    /// A CHECK or NOT NULL constraint was violated: a bug in the caller's validation.
    #[error("constraint violation: {0}")]
    ConstraintViolation(String),
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// The database could not be reached or the pool is exhausted.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A configuration problem (bad URL).
    #[error("database configuration: {0}")]
    Config(String),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A stored value is not one the code knows (a typed state column holding text no variant
    /// has): never read as a default, reported with the row.
    #[error("row {id} of {table}: column {column} holds {value:?}, which is not a known value")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// The row's id.
        id: String,
        /// Column.
        column: &'static str,
        /// What it held.
        value: String,
    },
    /// Any other database error.
    #[error("database error: {0}")]
    Query(DieselError),
}

impl From<DieselError> for DbError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => DbError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                let constraint = match info.constraint_name() {
                    Some(name) => name.to_string(),
                    None => sqlite_unique_name(info.message()),
                };
                DbError::UniqueViolation { constraint }
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                DbError::ForeignKeyViolation
            }
            DieselError::DatabaseError(
                kind @ (DatabaseErrorKind::CheckViolation | DatabaseErrorKind::NotNullViolation),
                info,
            ) => DbError::ConstraintViolation(format!("{kind:?}: {}", info.message())),
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                DbError::Unavailable(info.message().to_string())
            }
            // SQLite gave up waiting for a lock (`busy_timeout` passed): the request may
            // succeed in a moment, so it is a 503 with Retry-After, never a 500.
            DieselError::DatabaseError(_, info) if is_busy(info.message()) => {
                DbError::Unavailable(info.message().to_string())
            }
            other => DbError::Query(other),
        }
    }
}

/// Parses a stored typed state, or [`DbError::Corrupt`] naming the row.
pub fn typed<T>(
    parse: impl Fn(&str) -> Option<T>,
    table: &'static str,
    id: &str,
    column: &'static str,
    value: &str,
) -> Result<T, DbError> {
    parse(value).ok_or_else(|| DbError::Corrupt {
        table,
        id: id.to_string(),
        column,
        value: value.chars().take(64).collect(),
    })
}

fn is_busy(message: &str) -> bool {
    message.contains("database is locked")
        || message.contains("database table is locked")
        || message.contains("database is busy")
}

impl From<r2d2::Error> for DbError {
    fn from(e: r2d2::Error) -> Self {
        DbError::Unavailable(e.to_string())
    }
}

/// SQLite reports `UNIQUE constraint failed: users.email, users.x` (columns) or
/// `UNIQUE constraint failed: index 'name'` (expression indexes). PostgreSQL reports the
/// constraint name; our migrations name PostgreSQL constraints `<table>_<col>[_<col>]_key`,
/// so this builds the same name from SQLite's column list.
fn sqlite_unique_name(message: &str) -> String {
    let detail = message.rsplit_once(": ").map(|(_, d)| d).unwrap_or(message).trim();
    if let Some(name) = detail.strip_prefix("index '").and_then(|s| s.strip_suffix('\'')) {
        return name.to_string();
    }
    let mut table = "";
    let mut cols = Vec::new();
    for part in detail.split(',') {
        if let Some((t, c)) = part.trim().split_once('.') {
            table = t;
            cols.push(c);
        }
    }
    if cols.is_empty() {
        return detail.to_string();
    }
    format!("{table}_{}_key", cols.join("_"))
}

#[cfg(test)]
mod tests {
    use super::sqlite_unique_name;

    #[test]
    fn sqlite_messages_map_to_postgres_style_names() {
        assert_eq!(sqlite_unique_name("UNIQUE constraint failed: users.email"), "users_email_key");
        assert_eq!(
            sqlite_unique_name(
                "UNIQUE constraint failed: measurements.user_id, measurements.client_id"
            ),
            "measurements_user_id_client_id_key"
        );
        assert_eq!(
            sqlite_unique_name("UNIQUE constraint failed: index 'users_handle_key'"),
            "users_handle_key"
        );
    }
}
