//! Recovering and changing a password.

use chrono::TimeDelta;
use kindred_db::models::user::User;
use kindred_db::queries::{audit, auth_failures, email_tokens, sessions, users};
use kindred_db::DbConn;
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::Email;

use super::signin::{open_session, Client};
use super::{failure_key, invalid_token, issue_email_token, MAX_TOKEN_LEN};
use crate::authz::Owner;
use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::{tokens, AppError};

/// How long a reset link works.
pub const RESET_TTL_HOURS: i64 = 1;

/// Emails a single-use reset link (older links stop working) when the address has an account
/// that is not erased and the per-recipient limit allows; silent otherwise.
pub fn request_reset(c: &mut DbConn, outbox: &Outbox, email: &Email) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
        if user.status()? == AccountStatus::Deleted
            || !outbox.may_send(c, email.as_str(), "password_reset")?
        {
            return Ok(());
        }
        let token = issue_email_token(
            c,
            &user.id,
            "password_reset",
            TimeDelta::hours(RESET_TTL_HOURS),
            now,
        )?;
        let mail =
            templates::password_reset(&outbox.link(&format!("/reset-password?token={token}")));
        outbox.queue(c, Some(&user.id), email.as_str(), &mail)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthPasswordResetRequested, None)
                .subject("user", &user.id),
        )?;
        Ok(())
    })
}

/// Whether a reset token is worth a password hash: one longer than any we issue is refused
/// before the caller spends 20 MiB and 50 ms on hashing.
pub fn plausible_token(token: &str) -> Result<(), AppError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(invalid_token());
    }
    Ok(())
}

/// Sets a new password (already hashed) with a reset token: the sign-in backoff for the
/// address is cleared, every session ends and the owner is told by email.
pub fn confirm_reset(
    c: &mut DbConn,
    outbox: &Outbox,
    token: &str,
    password_hash: &str,
) -> Result<(), AppError> {
    plausible_token(token)?;
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let user_id = email_tokens::consume(c, &tokens::hash(token), "password_reset", now)?
            .ok_or_else(invalid_token)?;
        let user = users::find(c, &user_id)?.ok_or_else(invalid_token)?;
        if user.status()? == AccountStatus::Deleted {
            return Err(invalid_token());
        }
        users::set_password_hash(c, &user.id, password_hash)?;
        users::clear_login_failures(c, &user.id)?;
        if let Some(email) = &user.email {
            auth_failures::clear(c, &failure_key(email), None)?;
        }
        sessions::revoke_all(c, &user.id, None, "password_reset", now)?;
        notify_changed(c, outbox, &user)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthPasswordReset, Some(&user.id))
                .subject("user", &user.id),
        )?;
        Ok(())
    })
}

/// Changes the owner's password (the current one already checked, the new one hashed):
/// every session ends, the owner is told by email, and a new session opens for the client
/// that asked. Returns the account, the new session's id and its raw refresh token.
pub fn change_password(
    c: &mut DbConn,
    outbox: &Outbox,
    owner: &Owner,
    password_hash: &str,
    client: &Client,
) -> Result<(User, String, String), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let user = super::me(c, owner)?;
        users::set_password_hash(c, &user.id, password_hash)?;
        sessions::revoke_all(c, &user.id, None, "password_changed", now)?;
        notify_changed(c, outbox, &user)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthPasswordChanged, Some(&user.id))
                .subject("user", &user.id),
        )?;
        let (session_id, refresh) = open_session(c, &user, client, now)?;
        Ok((user, session_id, refresh))
    })
}

fn notify_changed(c: &mut DbConn, outbox: &Outbox, user: &User) -> Result<(), AppError> {
    if let Some(to) = &user.email {
        outbox.queue(c, Some(&user.id), to, &templates::password_changed())?;
    }
    Ok(())
}
