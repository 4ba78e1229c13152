//! `email_tokens` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::email_tokens;

/// A single-use email token, stored as its SHA-256.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_tokens)]
pub struct EmailToken {
    /// SHA-256 (hex).
    pub token_hash: String,
    /// For whom.
    pub user_id: String,
    /// `verify_email` | `password_reset`.
    pub purpose: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Expires.
    pub expires_at: NaiveDateTime,
    /// Used at.
    pub used_at: Option<NaiveDateTime>,
}
