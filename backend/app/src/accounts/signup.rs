//! Signing up: registering, confirming the address, sending the confirmation again.

use chrono::TimeDelta;
use kindred_db::queries::{audit, email_tokens, sessions, users};
use kindred_db::DbConn;
use kindred_domain::account::{AccountStatus, Role};
use kindred_domain::audit::Action;
use kindred_domain::{Email, Handle};

use super::{create, invalid_token, issue_email_token, Created, NewAccount, MAX_TOKEN_LEN};
use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::{tokens, AppError};

/// How long a confirmation link works.
pub const VERIFY_TTL_HOURS: i64 = 24;

/// A registration, parsed and with its password already hashed.
pub struct Registration {
    /// The address.
    pub email: Email,
    /// The handle.
    pub handle: Handle,
    /// The password's argon2 hash.
    pub password_hash: String,
    /// The version of the terms the member accepted (checked to be the current one).
    pub terms_version: Option<String>,
}

/// Registers a patient account and queues the confirmation email. An address that already
/// has an account gets a notice instead (at most as often as the per-recipient limit
/// allows), and the caller cannot tell the two apart.
pub fn register(c: &mut DbConn, outbox: &Outbox, r: &Registration) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        if let Some(existing) = users::find_by_email(c, r.email.as_str())? {
            return existing_address(c, outbox, &existing.id, &r.email);
        }
        let id = kindred_db::new_id();
        let account = NewAccount {
            id: &id,
            email: &r.email,
            handle: &r.handle,
            password_hash: &r.password_hash,
            role: Role::Patient,
            verified_at: None,
            terms_version: r.terms_version.as_deref(),
            created_at: now,
        };
        match create(c, &account)? {
            Created::New(_) => {}
            // Two registrations of one address at the same moment: the second answers like
            // any registration of an existing address (no tell-tale 422).
            Created::EmailTaken => return Ok(()),
        }
        let token =
            issue_email_token(c, &id, "verify_email", TimeDelta::hours(VERIFY_TTL_HOURS), now)?;
        let mail = templates::verify_email(
            r.handle.as_str(),
            &outbox.link(&format!("/verify-email?token={token}")),
        );
        outbox.queue(c, Some(&id), r.email.as_str(), &mail)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthRegistered, Some(&id)).subject("user", &id),
        )?;
        Ok(())
    })
}

fn existing_address(
    c: &mut DbConn,
    outbox: &Outbox,
    user_id: &str,
    email: &Email,
) -> Result<(), AppError> {
    let mail = templates::registration_attempt(&outbox.link("/forgot-password"));
    if outbox.may_send(c, email.as_str(), mail.kind)? {
        outbox.queue(c, Some(user_id), email.as_str(), &mail)?;
    }
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::AuthRegisterExistingEmail, None)
            .subject("user", user_id),
    )?;
    Ok(())
}

/// Confirms an address with the single-use token from the confirmation email. Every session
/// opened before ends: whoever registered the address may not be its owner, so the sign-in
/// after confirmation is the only one.
pub fn verify_email(c: &mut DbConn, token: &str) -> Result<(), AppError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(invalid_token());
    }
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let user_id = email_tokens::consume(c, &tokens::hash(token), "verify_email", now)?
            .ok_or_else(invalid_token)?;
        users::mark_verified(c, &user_id, now)?;
        sessions::revoke_all(c, &user_id, None, "email_verified", now)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthEmailVerified, Some(&user_id))
                .subject("user", &user_id),
        )?;
        Ok(())
    })
}

/// Sends a new confirmation link (older ones stop working) when the address has an active
/// account waiting for confirmation and the per-recipient limit allows; silent otherwise.
pub fn resend_verification(c: &mut DbConn, outbox: &Outbox, email: &Email) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
        if user.email_verified_at.is_some() || user.status()? != AccountStatus::Active {
            return Ok(());
        }
        if !outbox.may_send(c, email.as_str(), "verify_email")? {
            return Ok(());
        }
        let token = issue_email_token(
            c,
            &user.id,
            "verify_email",
            TimeDelta::hours(VERIFY_TTL_HOURS),
            now,
        )?;
        let mail = templates::verify_email(
            &user.handle,
            &outbox.link(&format!("/verify-email?token={token}")),
        );
        outbox.queue(c, Some(&user.id), email.as_str(), &mail)?;
        Ok(())
    })
}
