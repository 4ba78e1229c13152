//! Single-use email tokens.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::models::email_token::EmailToken;
use crate::schema::email_tokens;
use crate::{DbConn, DbError};

/// Stores a token (its hash).
pub fn insert(conn: &mut DbConn, t: &EmailToken) -> Result<(), DbError> {
    diesel::insert_into(email_tokens::table).values(t).execute(conn)?;
    Ok(())
}

/// Consumes a token: returns its user id when the token exists for this purpose, is unused
/// and unexpired, marking it used in the same statement (so two concurrent uses cannot both
/// succeed).
pub fn consume(
    conn: &mut DbConn,
    token_hash: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    let Some(t) = email_tokens::table
        .find(token_hash)
        .filter(email_tokens::purpose.eq(purpose))
        .select(EmailToken::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if t.used_at.is_some() || t.expires_at <= now.naive_utc() {
        return Ok(None);
    }
    let n = diesel::update(
        email_tokens::table.find(token_hash).filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok((n == 1).then_some(t.user_id))
}

/// Invalidates a user's unused tokens of one purpose (a new reset link replaces older ones).
pub fn invalidate(
    conn: &mut DbConn,
    user_id: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(())
}

/// Deletes every token of a user.
pub fn delete_all(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(email_tokens::table.filter(email_tokens::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// Deletes the tokens that expired before `before` (used or not: an expired token can never
/// be consumed); returns how many.
pub fn delete_expired_before(conn: &mut DbConn, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(email_tokens::table.filter(email_tokens::expires_at.lt(before.naive_utc())))
        .execute(conn)?)
}
