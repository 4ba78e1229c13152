//! `sessions` and `refresh_tokens` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{refresh_tokens, sessions};

/// A login session.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = sessions)]
pub struct Session {
    /// Id (named in every access token).
    pub id: String,
    /// Owner.
    pub user_id: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last refreshed.
    pub last_used_at: NaiveDateTime,
    /// Absolute expiry.
    pub expires_at: NaiveDateTime,
    /// Ended at.
    pub revoked_at: Option<NaiveDateTime>,
    /// Why it ended (`logout`, `refresh_reuse`, `password_changed`, …).
    pub revoked_reason: Option<String>,
    /// Browser / client that started it.
    pub user_agent: Option<String>,
    /// IP it started from.
    pub ip: Option<String>,
}

/// A refresh token, stored as its SHA-256.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    /// SHA-256 (hex) of the token.
    pub token_hash: String,
    /// Its session.
    pub session_id: String,
    /// Issued.
    pub issued_at: NaiveDateTime,
    /// Exchanged for a new one at (then never valid again).
    pub used_at: Option<NaiveDateTime>,
}
