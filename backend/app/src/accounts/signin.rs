//! Signing in: the backoff after failed password checks (at sign-in, password change and
//! account deletion) slows further attempts per account and per account + IP, exponentially
//! and with caps, instead of locking the account. Failures are keyed by a hash of the email
//! address ([`super::failure_key`]), so an address without an account answers exactly like
//! one with an account. Password verification itself is slow and happens between these use
//! cases, on the hashing threads.

use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::models::user::User;
use kindred_db::queries::{audit, auth_failures, sessions, users};
use kindred_db::DbConn;
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::Email;

use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::{tokens, AppError};

/// Exponential backoff after failed password checks, per account and per account + IP. A
/// few failures are free; each further one doubles the wait before the next attempt is
/// heard, up to a cap. The per-account cap is short, so a stranger flooding an account from
/// many addresses delays its owner by at most that long; the per-account-and-IP cap is long.
#[derive(Debug, Clone, Copy)]
pub struct LoginBackoff {
    /// Failures in the window, from one IP, before the backoff starts.
    pub free_per_ip: i64,
    /// Longest wait for one account from one IP, in seconds.
    pub cap_per_ip_secs: i64,
    /// Failures in the window, from all addresses, before the account-wide backoff starts.
    pub free_per_account: i64,
    /// Longest account-wide wait, in seconds.
    pub cap_per_account_secs: i64,
    /// How far back failures count, in seconds.
    pub window_secs: i64,
}

impl Default for LoginBackoff {
    fn default() -> Self {
        Self {
            free_per_ip: 5,
            cap_per_ip_secs: 15 * 60,
            free_per_account: 10,
            cap_per_account_secs: 60,
            window_secs: 3600,
        }
    }
}

impl LoginBackoff {
    /// Seconds to wait after the last failure, given `n` failures in the window, `free` of them
    /// free and a `cap`: 0 while n < free, then 1, 2, 4 … up to the cap.
    pub fn delay(n: i64, free: i64, cap: i64) -> i64 {
        if n < free {
            return 0;
        }
        let exp = (n - free).min(30) as u32;
        (1i64 << exp).min(cap)
    }
}

/// Where a sign-in comes from (the HTTP layer's client information).
#[derive(Debug, Clone)]
pub struct Client {
    /// The client IP, parsed.
    pub ip: String,
    /// The `User-Agent` header, truncated.
    pub user_agent: Option<String>,
}

/// A session's absolute lifetime.
pub const SESSION_DAYS: i64 = 30;

/// Seconds the caller must still wait before the next password check for this account from
/// this IP (0: go ahead).
pub fn wait_secs(
    c: &mut DbConn,
    rules: &LoginBackoff,
    key: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let r = auth_failures::recent(c, key, ip, now - TimeDelta::seconds(rules.window_secs))?;
    let left = |n: i64, last: Option<DateTime<Utc>>, free: i64, cap: i64| {
        let delay = LoginBackoff::delay(n, free, cap);
        last.map(|t| delay - (now - t).num_seconds()).unwrap_or(0)
    };
    Ok(left(r.total, r.total_last, rules.free_per_account, rules.cap_per_account_secs)
        .max(left(r.from_ip, r.from_ip_last, rules.free_per_ip, rules.cap_per_ip_secs))
        .max(0))
}

/// Too many requests while the backoff holds.
pub fn check(
    c: &mut DbConn,
    rules: &LoginBackoff,
    key: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match wait_secs(c, rules, key, ip, now)? {
        0 => Ok(()),
        secs => Err(too_many(secs as u64)),
    }
}

/// The answer while the backoff holds (the same for every account, existing or not).
pub fn too_many(retry_after: u64) -> AppError {
    AppError::TooManyRequests {
        retry_after,
        detail:
            "Too many failed attempts. Wait a moment before trying again, or reset your password."
                .into(),
    }
}

/// One password check, counted as a failure before the password is checked (see
/// [`reserve`]); [`release`] takes it back when the password matches.
#[derive(Debug)]
#[must_use = "a reserved attempt counts as a failure until it is released"]
pub struct Attempt(String);

/// Admits one password check for `key` from `ip`, or refuses it while the backoff holds, and
/// counts it as a failure *now*: checking the backoff and counting the attempt are one step
/// (one attempt per key at a time), so concurrent guesses cannot all pass the check before any
/// of them is counted. The caller checks the password and then either [`release`]s the
/// attempt (it matched) or [`record_failure`]s it.
pub fn reserve(
    c: &mut DbConn,
    rules: &LoginBackoff,
    key: &str,
    ip: &str,
) -> Result<Attempt, AppError> {
    kindred_db::write_tx(c, |c| {
        auth_failures::lock(c, key)?;
        let now = kindred_db::now_utc();
        check(c, rules, key, ip, now)?;
        let forget_before = now - TimeDelta::seconds(rules.window_secs);
        Ok(Attempt(auth_failures::record(c, key, ip, now, forget_before)?))
    })
}

/// The password of a reserved attempt matched: it no longer counts as a failure.
pub fn release(c: &mut DbConn, attempt: &Attempt) -> Result<(), AppError> {
    Ok(auth_failures::remove(c, &attempt.0)?)
}

/// The first half of a sign-in: the backoff holds or not (the attempt is reserved, see
/// [`reserve`]), then the account of `email` (an erased one counts as none).
pub fn lookup(
    c: &mut DbConn,
    rules: &LoginBackoff,
    email: &Email,
    ip: &str,
) -> Result<(Option<User>, Attempt), AppError> {
    let attempt = reserve(c, rules, &super::failure_key(email.as_str()), ip)?;
    let user = match users::find_by_email(c, email.as_str())? {
        Some(u) if u.status()? == AccountStatus::Deleted => None,
        found => found,
    };
    Ok((user, attempt))
}

/// A reserved attempt's password did not match (the failure is already counted, see
/// [`reserve`]). For an existing account the failure is also kept in the member's own
/// history and the audit log, and the owner is emailed when the backoff starts.
pub fn record_failure(
    c: &mut DbConn,
    outbox: &Outbox,
    rules: &LoginBackoff,
    (key, ip): (&str, &str),
    user: Option<&User>,
    action: Action,
) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let window = TimeDelta::seconds(rules.window_secs);
        let Some(user) = user else { return Ok(()) };
        users::record_login_failure(c, &user.id, Some(ip))?;
        audit::record(c, &audit::NewAuditEvent::new(action, None).subject("user", &user.id))?;
        let r = auth_failures::recent(c, key, ip, now - window)?;
        // Once the backoff holds, the owner hears of it; the per-recipient cooldown keeps that
        // to one email however many failures follow (and whatever order concurrent ones land
        // in).
        let engaged = r.total >= rules.free_per_account || r.from_ip >= rules.free_per_ip;
        if let (true, Some(to)) = (engaged, user.email.as_deref()) {
            let kind = "signin_backoff";
            if outbox.may_send(c, to, kind)? {
                let mail = templates::signin_backoff(
                    &outbox.link("/account/sessions"),
                    &outbox.link("/forgot-password"),
                );
                outbox.queue(c, Some(&user.id), to, &mail)?;
            }
        }
        Ok(())
    })
}

/// A suspended account may not sign in: 403 `account_suspended` with the admin's reason.
pub fn admit(user: &User) -> Result<(), AppError> {
    if user.status()? == AccountStatus::Suspended {
        let reason = user.status_reason.clone().unwrap_or_default();
        return Err(AppError::Forbidden {
            code: "account_suspended",
            detail: format!("This account is suspended. Reason: {reason}"),
        });
    }
    Ok(())
}

/// The second half of a sign-in, the password having matched: replaces a hash made with
/// weaker parameters, forgets this network's failures and opens a session. Returns the
/// session id and its raw refresh token.
pub fn succeeded(
    c: &mut DbConn,
    user: &User,
    client: &Client,
    rehash: Option<&str>,
) -> Result<(String, String), AppError> {
    kindred_db::write_tx(c, |c| {
        if let Some(h) = rehash {
            users::set_password_hash(c, &user.id, h)?;
        }
        if let Some(email) = &user.email {
            auth_failures::clear(c, &super::failure_key(email), Some(&client.ip))?;
        }
        let opened = open_session(c, user, client, kindred_db::now_utc())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthLoginSucceeded, Some(&user.id))
                .subject("session", &opened.0),
        )?;
        Ok(opened)
    })
}

/// Opens a session for `user` inside the caller's transaction; returns its id and the raw
/// refresh token (only its hash is stored).
pub fn open_session(
    c: &mut DbConn,
    user: &User,
    client: &Client,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let refresh = tokens::generate();
    let session = kindred_db::models::session::Session {
        id: kindred_db::new_id(),
        user_id: user.id.clone(),
        created_at: now.naive_utc(),
        last_used_at: now.naive_utc(),
        expires_at: (now + TimeDelta::days(SESSION_DAYS)).naive_utc(),
        revoked_at: None,
        revoked_reason: None,
        user_agent: client.user_agent.clone(),
        ip: Some(client.ip.clone()),
    };
    sessions::insert(c, &session, &tokens::hash(&refresh))?;
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::AuthSessionStarted, Some(&user.id))
            .subject("session", &session.id),
    )?;
    Ok((session.id, refresh))
}
