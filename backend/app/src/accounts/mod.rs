//! Accounts (DESIGN §6.1): creating an account (the one place a `users` row is built),
//! confirming the address, recovering a password, the owner's profile, conditions and
//! sessions, and erasure. Password hashing is slow and runs before these use cases (the
//! caller hashes on [`crate::passwords::Hasher`] and passes the hash in), so a transaction
//! never waits on argon2.

pub mod conditions;
pub mod profile;
pub mod recovery;
pub mod sessions;
pub mod signin;
pub mod signup;

use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::models::email_token::EmailToken;
use kindred_db::models::user::{NewUser, User};
use kindred_db::queries::{email_tokens, users};
use kindred_db::{DbConn, DbError};
use kindred_domain::account::Role;
use kindred_domain::{Email, FieldError, Handle};

use crate::authz::Owner;
use crate::{tokens, AppError};

/// An account about to be created: every field already parsed.
pub struct NewAccount<'a> {
    /// The new account's id (`kindred_db::new_id()`; callers that build rows for the account
    /// in the same transaction know it in advance).
    pub id: &'a str,
    /// The sign-in address.
    pub email: &'a Email,
    /// The public handle.
    pub handle: &'a Handle,
    /// The argon2 PHC string of the password.
    pub password_hash: &'a str,
    /// Platform role.
    pub role: Role,
    /// When the address was confirmed (`None`: a verification email follows).
    pub verified_at: Option<DateTime<Utc>>,
    /// The version of the terms the member accepted at sign-up (`None`: accounts made from
    /// the command line or the demo).
    pub terms_version: Option<&'a str>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// What [`create`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// A new account with this id.
    New(String),
    /// The address already has an account (also when two registrations raced).
    EmailTaken,
}

/// Creates an account inside the caller's transaction: refuses a handle someone has or gave
/// up within [`kindred_domain::handle::HOLD_DAYS`] (422 on `handle`) and reports an address
/// that already has an account instead of failing on it, so callers choose what to say.
pub fn create(c: &mut DbConn, a: &NewAccount<'_>) -> Result<Created, AppError> {
    let hold = TimeDelta::days(kindred_domain::handle::HOLD_DAYS);
    if users::handle_retired_since(c, &a.handle.key(), a.created_at - hold)? {
        return Err(kindred_domain::handle::taken().into());
    }
    let at = a.created_at.naive_utc();
    let inserted = users::insert(
        c,
        &NewUser {
            id: a.id,
            email: a.email.as_str(),
            handle: a.handle.as_str(),
            handle_lower: &a.handle.key(),
            password_hash: a.password_hash,
            role: a.role.as_str(),
            email_verified_at: a.verified_at.map(|t| t.naive_utc()),
            visibility: kindred_domain::account::NEW_ACCOUNT_VISIBILITY.as_str(),
            notify_email: kindred_domain::account::NEW_ACCOUNT_NOTIFY_EMAIL,
            terms_version: a.terms_version,
            terms_accepted_at: a.terms_version.map(|_| at),
            created_at: at,
            updated_at: at,
        },
    );
    match inserted {
        Ok(()) => Ok(Created::New(a.id.to_string())),
        Err(DbError::UniqueViolation { constraint }) if constraint == "users_email_key" => {
            Ok(Created::EmailTaken)
        }
        Err(e) => Err(e.into()),
    }
}

/// The owner's account row (an erased or missing one is not found).
pub fn me(c: &mut DbConn, owner: &Owner) -> Result<User, AppError> {
    users::find(c, owner.id())?.ok_or(AppError::NotFound)
}

/// Issues a single-use email token for `purpose` (older unused ones stop working) inside the
/// caller's transaction; returns the raw token for the email link (only its hash is stored).
pub fn issue_email_token(
    c: &mut DbConn,
    user_id: &str,
    purpose: &str,
    ttl: TimeDelta,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    email_tokens::invalidate(c, user_id, purpose, now)?;
    let token = tokens::generate();
    email_tokens::insert(
        c,
        &EmailToken {
            token_hash: tokens::hash(&token),
            user_id: user_id.to_string(),
            purpose: purpose.to_string(),
            created_at: now.naive_utc(),
            expires_at: (now + ttl).naive_utc(),
            used_at: None,
        },
    )?;
    Ok(token)
}

/// The longest email-link token accepted (longer ones are refused before any lookup).
pub const MAX_TOKEN_LEN: usize = 200;

/// A 422 for a bad or used email-link token.
pub fn invalid_token() -> AppError {
    FieldError::new(
        "token",
        "invalid_or_expired",
        "This link is invalid, was already used or has expired. Ask for a new one.",
    )
    .into()
}

/// The key sign-in failures are counted under: a hash of the normalised email address.
pub fn failure_key(email: &str) -> String {
    tokens::hash(&format!("signin:{email}"))
}
