//! Kindred's data layer: the only crate that knows diesel.
//!
//! One binary talks to SQLite (embedded default) or PostgreSQL through [`DbConn`], a diesel
//! `MultiConnection`. Higher layers get a [`DbPool`], run one unit of work per blocking hop
//! with [`DbPool::run`], and wrap writes in [`write_tx`]. Errors arrive as [`DbError`], mapped
//! the same way on both backends.

pub mod backup;
pub mod conn;
pub mod error;
mod lease;
pub mod migrations;
pub mod models;
pub mod page;
pub mod pool;
pub mod queries;
pub mod schema;
pub mod tx;

pub use conn::{Backend, DbConn, DbUrl};
pub use error::DbError;
pub use pool::{DbPool, PoolOptions};
pub use tx::{read_snapshot, write_tx};

/// A new random, time-ordered id (UUID v7) as stored in TEXT id columns.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time in UTC, truncated to microseconds: the precision both backends store, so a
/// value written and read back compares equal.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    truncate_micros(chrono::Utc::now())
}

/// Truncates a time to whole microseconds.
pub fn truncate_micros(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    use chrono::{DurationRound, TimeDelta};
    t.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(t)
}
