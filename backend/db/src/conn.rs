//! The connection type over both backends, and the r2d2 manager that opens it.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};
use std::path::PathBuf;

use crate::DbError;

/// A connection to either backend. Queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    /// PostgreSQL, for production and scale-out.
    Postgresql(PgConnection),
    /// Embedded SQLite, the zero-configuration default.
    Sqlite(SqliteConnection),
}

impl DbConn {
    /// Which backend this connection talks to.
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Postgresql(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// The two supported database backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (bundled).
    Sqlite,
    /// PostgreSQL (libpq).
    Postgres,
}

/// A parsed database URL. The backend is chosen by the scheme, never by trial: SQLite would
/// accept any string as a file name and hide the real PostgreSQL error.
#[derive(Debug, Clone)]
pub enum DbUrl {
    /// `sqlite://path`, `sqlite:path` or `sqlite:///absolute/path`.
    Sqlite {
        /// The database file.
        path: PathBuf,
    },
    /// `postgres://…` or `postgresql://…`.
    Postgres {
        /// The URL handed to libpq (with a connect timeout added when none is given).
        url: String,
        /// Host and port, for error messages (the URL may hold a password).
        host: String,
    },
}

impl DbUrl {
    /// Parses a database URL.
    pub fn parse(raw: &str) -> Result<DbUrl, DbError> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(DbError::Config("sqlite URL has no file path".into()));
            }
            return Ok(DbUrl::Sqlite { path: PathBuf::from(path) });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed = url::Url::parse(raw)
                .map_err(|e| DbError::Config(format!("invalid PostgreSQL URL: {e}")))?;
            let host = format!(
                "{}:{}",
                parsed.host_str().unwrap_or("localhost"),
                parsed.port().unwrap_or(5432)
            );
            let mut url = raw.to_string();
            if !parsed.query_pairs().any(|(k, _)| k == "connect_timeout") {
                url.push(if parsed.query().is_some() { '&' } else { '?' });
                url.push_str("connect_timeout=5");
            }
            return Ok(DbUrl::Postgres { url, host });
        }
        let scheme = raw.split(':').next().unwrap_or_default();
        Err(DbError::Config(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://path or postgres://host/db"
        )))
    }

    /// The backend this URL selects.
    pub fn backend(&self) -> Backend {
        match self {
            DbUrl::Sqlite { .. } => Backend::Sqlite,
            DbUrl::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Opens one connection, configured for Kindred.
    pub fn connect(&self) -> Result<DbConn, DbError> {
        match self {
            DbUrl::Sqlite { path } => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        DbError::Unavailable(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                let target = path.to_string_lossy();
                let mut c = SqliteConnection::establish(&target).map_err(|e| {
                    DbError::Unavailable(format!("cannot open SQLite database {target}: {e}"))
                })?;
                // busy_timeout first: the WAL switch itself may need to wait for a lock.
                c.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| DbError::Unavailable(format!("cannot configure SQLite: {e}")))?;
                Ok(DbConn::Sqlite(c))
            }
            DbUrl::Postgres { url, host } => {
                let c = PgConnection::establish(url).map_err(|e| {
                    let cause = e.to_string();
                    DbError::Unavailable(format!(
                        "cannot connect to PostgreSQL at {host}: {}",
                        cause.trim()
                    ))
                })?;
                Ok(DbConn::Postgresql(c))
            }
        }
    }
}

/// The r2d2 manager: opens connections from a [`DbUrl`].
#[derive(Debug, Clone)]
pub struct Manager {
    url: DbUrl,
}

impl Manager {
    /// A manager for this URL.
    pub fn new(url: DbUrl) -> Self {
        Self { url }
    }
}

/// A pooled connection with a flag the pool reads when it is returned: diesel cannot tell
/// that the server closed a PostgreSQL connection, so [`crate::DbPool::run`] pings after a
/// failed unit of work and marks a dead connection here, and the pool then discards it.
pub struct Pooled {
    /// The connection.
    pub conn: DbConn,
    /// Set when the connection is known to be unusable.
    pub broken: bool,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = DbError;

    fn connect(&self) -> Result<Pooled, DbError> {
        Ok(Pooled { conn: self.url.connect()?, broken: false })
    }

    fn is_valid(&self, c: &mut Pooled) -> Result<(), DbError> {
        c.conn.batch_execute("SELECT 1").map_err(DbError::from)
    }

    fn has_broken(&self, c: &mut Pooled) -> bool {
        use diesel::connection::TransactionManager;
        c.broken
            || <DbConn as Connection>::TransactionManager::is_broken_transaction_manager(
                &mut c.conn,
            )
    }
}
