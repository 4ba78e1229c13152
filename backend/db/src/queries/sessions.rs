//! Sessions and refresh tokens.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::models::session::{RefreshToken, Session};
use crate::models::user::User;
use crate::schema::{refresh_tokens, sessions, users};
use crate::{DbConn, DbError};

/// Inserts a session and its first refresh token.
pub fn insert(conn: &mut DbConn, s: &Session, first_token_hash: &str) -> Result<(), DbError> {
    diesel::insert_into(sessions::table).values(s).execute(conn)?;
    diesel::insert_into(refresh_tokens::table)
        .values(&RefreshToken {
            token_hash: first_token_hash.to_string(),
            session_id: s.id.clone(),
            issued_at: s.created_at,
            used_at: None,
        })
        .execute(conn)?;
    Ok(())
}

/// The live session with this id and its active user: not revoked, not expired, user active.
/// This is the check every authenticated request makes.
pub fn find_live(
    conn: &mut DbConn,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Session, User)>, DbError> {
    Ok(sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now.naive_utc()))
        .filter(users::status.eq(kindred_domain::account::AccountStatus::Active.as_str()))
        .select((Session::as_select(), User::as_select()))
        .first(conn)
        .optional()?)
}

/// Finds a refresh token by hash.
pub fn find_refresh(conn: &mut DbConn, token_hash: &str) -> Result<Option<RefreshToken>, DbError> {
    Ok(refresh_tokens::table
        .find(token_hash)
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a refresh token used, only if it was unused: returns false when another request
/// used it first (then the caller treats this one as a replay).
pub fn use_refresh(
    conn: &mut DbConn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = diesel::update(
        refresh_tokens::table.find(token_hash).filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(n == 1)
}

/// Issues the next refresh token of a session and touches it.
pub fn add_refresh(
    conn: &mut DbConn,
    session_id: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::insert_into(refresh_tokens::table)
        .values(&RefreshToken {
            token_hash: token_hash.to_string(),
            session_id: session_id.to_string(),
            issued_at: now.naive_utc(),
            used_at: None,
        })
        .execute(conn)?;
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_used_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// Finds a session by id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Session>, DbError> {
    Ok(sessions::table.find(id).select(Session::as_select()).first(conn).optional()?)
}

/// Revokes one session (if live). Returns whether it was live.
pub fn revoke(
    conn: &mut DbConn,
    id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = diesel::update(sessions::table.find(id).filter(sessions::revoked_at.is_null()))
        .set((sessions::revoked_at.eq(now.naive_utc()), sessions::revoked_reason.eq(reason)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every live session of a user (optionally keeping one). Returns how many.
pub fn revoke_all(
    conn: &mut DbConn,
    user_id: &str,
    except: Option<&str>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let mut q = diesel::update(sessions::table)
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .into_boxed();
    if let Some(keep) = except {
        q = q.filter(sessions::id.ne(keep.to_string()));
    }
    Ok(q.set((sessions::revoked_at.eq(now.naive_utc()), sessions::revoked_reason.eq(reason)))
        .execute(conn)?)
}

/// A user's live sessions, newest first.
pub fn list_live(
    conn: &mut DbConn,
    user_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Session>, DbError> {
    Ok(sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now.naive_utc()))
        .order(sessions::created_at.desc())
        .select(Session::as_select())
        .load(conn)?)
}

/// Every session of a user (for the data export).
pub fn list_all(conn: &mut DbConn, user_id: &str) -> Result<Vec<Session>, DbError> {
    Ok(sessions::table
        .filter(sessions::user_id.eq(user_id))
        .order(sessions::created_at.asc())
        .select(Session::as_select())
        .load(conn)?)
}

/// Deletes every session (and, by cascade, refresh token) of a user.
pub fn delete_all(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    let ids = sessions::table.filter(sessions::user_id.eq(user_id)).select(sessions::id);
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(ids)))
        .execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
