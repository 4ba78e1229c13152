//! Accounts.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::models::user::{NewUser, User, UserChanges};
use crate::schema::{login_failures, users};
use crate::{new_id, DbConn, DbError};

/// Inserts an account.
pub fn insert(conn: &mut DbConn, u: &NewUser<'_>) -> Result<(), DbError> {
    diesel::insert_into(users::table).values(u).execute(conn)?;
    Ok(())
}

/// Finds an account by id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<User>, DbError> {
    Ok(users::table.find(id).select(User::as_select()).first(conn).optional()?)
}

/// Finds an account by its normalised email.
pub fn find_by_email(conn: &mut DbConn, email: &str) -> Result<Option<User>, DbError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Finds an account by handle key (`kindred_domain::Handle::key`: lower case, `-` and `.`
/// folded into `_`).
pub fn find_by_handle_key(conn: &mut DbConn, key: &str) -> Result<Option<User>, DbError> {
    Ok(users::table
        .filter(users::handle_lower.eq(key))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Applies profile changes.
pub fn update(conn: &mut DbConn, id: &str, changes: &UserChanges) -> Result<(), DbError> {
    diesel::update(users::table.find(id)).set(changes).execute(conn)?;
    Ok(())
}

/// Marks the email verified (idempotent).
pub fn mark_verified(conn: &mut DbConn, id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
    diesel::update(users::table.find(id).filter(users::email_verified_at.is_null()))
        .set(users::email_verified_at.eq(at.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// Replaces the password hash.
pub fn set_password_hash(conn: &mut DbConn, id: &str, hash: &str) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(crate::now_utc().naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// Sets the account status (`active` / `suspended`) with a reason.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    status: kindred_domain::account::AccountStatus,
    reason: Option<&str>,
) -> Result<(), DbError> {
    diesel::update(users::table.find(id))
        .set((
            users::status.eq(status.as_str()),
            users::status_reason.eq(reason),
            users::updated_at.eq(crate::now_utc().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets the platform role.
pub fn set_role(
    conn: &mut DbConn,
    id: &str,
    role: kindred_domain::account::Role,
) -> Result<(), DbError> {
    diesel::update(users::table.find(id)).set(users::role.eq(role.as_str())).execute(conn)?;
    Ok(())
}

/// What the admins' list of accounts is narrowed to (every field optional; all that are set
/// must hold).
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Only accounts in this standing.
    pub status: Option<kindred_domain::account::AccountStatus>,
    /// Only accounts with this platform role.
    pub role: Option<kindred_domain::account::Role>,
    /// Only accounts whose handle or email contains this text, ignoring case.
    pub text: Option<String>,
}

/// `s` as a LIKE pattern matching it anywhere, with `\`, `%` and `_` taken literally
/// (used with `ESCAPE '\'`).
fn contains_pattern(s: &str) -> String {
    let mut p = String::with_capacity(s.len() + 2);
    p.push('%');
    for ch in s.chars() {
        if matches!(ch, '\\' | '%' | '_') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// Lists accounts for admins, oldest first, after a cursor id, narrowed by `filter`.
pub fn list(
    conn: &mut DbConn,
    after: Option<&str>,
    limit: i64,
    filter: &UserFilter,
) -> Result<Vec<User>, DbError> {
    let mut q = users::table.select(User::as_select()).into_boxed();
    if let Some(a) = after {
        q = q.filter(users::id.gt(a.to_string()));
    }
    if let Some(s) = filter.status {
        q = q.filter(users::status.eq(s.as_str()));
    }
    if let Some(r) = filter.role {
        q = q.filter(users::role.eq(r.as_str()));
    }
    if let Some(text) = filter.text.as_deref() {
        // Emails are stored lower-cased and handles have a lower-cased key with `-` and `.`
        // folded into `_` (`Handle::key`), so lower-casing the text is enough on both
        // backends (PostgreSQL's LIKE is case-sensitive) without `ilike`.
        let lower = text.to_lowercase();
        let key: String =
            lower.chars().map(|c| if matches!(c, '-' | '.') { '_' } else { c }).collect();
        q = q.filter(
            users::handle_lower
                .like(contains_pattern(&key))
                .escape('\\')
                .or(users::email.like(contains_pattern(&lower)).escape('\\')),
        );
    }
    Ok(q.order(users::id.asc()).limit(limit).load(conn)?)
}

/// Erases personal fields, keeping a tombstone row so references (audit, posts) still
/// resolve to "deleted member".
pub fn erase(conn: &mut DbConn, id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
    // The handle is held for a while (see `handle_retired_since`), so nobody can take over
    // a name others knew at once.
    let key: Option<String> =
        users::table.find(id).select(users::handle_lower).first(conn).optional()?;
    if let Some(key) = key {
        use crate::schema::retired_handles as rh;
        diesel::delete(rh::table.find(&key)).execute(conn)?;
        diesel::insert_into(rh::table)
            .values((rh::handle_key.eq(&key), rh::retired_at.eq(at.naive_utc())))
            .execute(conn)?;
    }
    let tombstone = format!("deleted-{}", &id[id.len().saturating_sub(12)..]);
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(None::<String>),
            users::handle.eq(&tombstone),
            users::handle_lower.eq(&tombstone),
            users::password_hash.eq(None::<String>),
            users::status.eq("deleted"),
            users::status_reason.eq(None::<String>),
            users::birth_year.eq(None::<i32>),
            users::sex.eq(None::<String>),
            users::country.eq(None::<String>),
            users::time_zone.eq(None::<String>),
            users::visibility_chosen_at.eq(None::<chrono::NaiveDateTime>),
            // Which terms were accepted is kept with the tombstone: it says under which terms
            // the data were held.
            users::visibility.eq("private"),
            users::notify_email.eq(false),
            users::updated_at.eq(at.naive_utc()),
            users::deleted_at.eq(Some(at.naive_utc())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether a handle key belonged to an account erased after `since` (still held).
pub fn handle_retired_since(
    conn: &mut DbConn,
    key: &str,
    since: DateTime<Utc>,
) -> Result<bool, DbError> {
    use crate::schema::retired_handles as rh;
    let n: i64 = rh::table
        .filter(rh::handle_key.eq(key))
        .filter(rh::retired_at.gt(since.naive_utc()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Records a failed login for an account.
pub fn record_login_failure(
    conn: &mut DbConn,
    user_id: &str,
    ip: Option<&str>,
) -> Result<(), DbError> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(new_id()),
            login_failures::user_id.eq(user_id),
            login_failures::failed_at.eq(crate::now_utc().naive_utc()),
            login_failures::ip.eq(ip),
        ))
        .execute(conn)?;
    Ok(())
}

/// Failed logins for an account since a time, and the oldest of them (when the window frees).
pub fn login_failures_since(
    conn: &mut DbConn,
    user_id: &str,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), DbError> {
    let q = login_failures::table
        .filter(login_failures::user_id.eq(user_id))
        .filter(login_failures::failed_at.gt(since.naive_utc()));
    let n: i64 = q.count().get_result(conn)?;
    let oldest: Option<chrono::NaiveDateTime> =
        q.select(diesel::dsl::min(login_failures::failed_at)).first(conn)?;
    Ok((n, oldest.map(|t| t.and_utc())))
}

/// Forgets an account's failed logins (after a successful password reset).
pub fn clear_login_failures(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(login_failures::table.filter(login_failures::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
