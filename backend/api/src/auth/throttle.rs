//! The sign-in backoff: failed password checks (at sign-in, password change and account
//! deletion) slow down further attempts per account and per account + IP, exponentially and
//! with caps, instead of locking the account. Failures are keyed by a hash of the email
//! address, so an address without an account answers exactly like one with an account.

use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::models::user::User;
use kindred_db::queries::{audit, auth_failures};
use kindred_db::DbConn;
use kindred_domain::audit::Action;

use crate::config::LoginBackoff;
use crate::mail::{sealed, templates};
use crate::{ApiError, AppState};

/// The key failures are counted under: a hash of the normalised email address.
pub fn account_key(email: &str) -> String {
    crate::auth::tokens::hash(&format!("signin:{email}"))
}

/// Seconds the caller must still wait before the next password check for this account from
/// this IP (0: go ahead).
pub fn wait_secs(
    c: &mut DbConn,
    rules: &LoginBackoff,
    key: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<i64, ApiError> {
    let r = auth_failures::recent(c, key, ip, now - TimeDelta::seconds(rules.window_secs))?;
    let left = |n: i64, last: Option<DateTime<Utc>>, free: i64, cap: i64| {
        let delay = LoginBackoff::delay(n, free, cap);
        last.map(|t| delay - (now - t).num_seconds()).unwrap_or(0)
    };
    Ok(left(r.total, r.total_last, rules.free_per_account, rules.cap_per_account_secs)
        .max(left(r.from_ip, r.from_ip_last, rules.free_per_ip, rules.cap_per_ip_secs))
        .max(0))
}

/// 429 with `Retry-After` while the backoff holds.
pub fn check(
    c: &mut DbConn,
    rules: &LoginBackoff,
    key: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    match wait_secs(c, rules, key, ip, now)? {
        0 => Ok(()),
        secs => Err(too_many(secs as u64)),
    }
}

/// The answer while the backoff holds (the same for every account, existing or not).
pub fn too_many(retry_after: u64) -> ApiError {
    ApiError::TooManyRequests {
        retry_after,
        detail:
            "Too many failed attempts. Wait a moment before trying again, or reset your password."
                .into(),
    }
}

/// Records a failed password check. For an existing account the failure is also kept in the
/// member's own history and the audit log, and the owner is emailed when the backoff starts.
pub fn record_failure(
    c: &mut DbConn,
    state: &AppState,
    key: &str,
    ip: &str,
    user: Option<&User>,
    action: kindred_domain::audit::Action,
) -> Result<(), ApiError> {
    let rules = &state.config.login_backoff;
    let now = kindred_db::now_utc();
    let window = TimeDelta::seconds(rules.window_secs);
    auth_failures::record(c, key, ip, now, now - window)?;
    let Some(user) = user else { return Ok(()) };
    kindred_db::queries::users::record_login_failure(c, &user.id, Some(ip))?;
    audit::record(c, &audit::NewAuditEvent::new(action, None).subject("user", &user.id))?;
    let r = auth_failures::recent(c, key, ip, now - window)?;
    // Once the backoff holds, the owner hears of it; the per-recipient cooldown keeps that to
    // one email however many failures follow (and whatever order concurrent ones land in).
    let engaged = r.total >= rules.free_per_account || r.from_ip >= rules.free_per_ip;
    if let (true, Some(to)) = (engaged, user.email.as_deref()) {
        let kind = "signin_backoff";
        if sealed::may_send(c, state, to, kind)? {
            let mail = templates::signin_backoff(
                &state.link("/account/sessions"),
                &state.link("/forgot-password"),
            );
            sealed::queue(c, state, Some(&user.id), to, &mail)?;
        }
    }
    Ok(())
}

/// Checks a signed-in member's password before a sensitive action (password change, account
/// deletion): rate-limited per account, held by the same backoff as sign-in, and a wrong
/// password counts as a failed sign-in. A wrong password is a 422 on `field`.
pub async fn verify_current_password(
    state: &AppState,
    account: &User,
    password: &kindred_domain::Password,
    client: &crate::auth::ClientInfo,
    field: &'static str,
) -> Result<(), ApiError> {
    state.auth_limiter.check(&format!("password-check:{}", account.id))?;
    let key = account_key(account.email.as_deref().unwrap_or(&account.id));
    let (k, ip, rules) = (key.clone(), client.ip.clone(), state.config.login_backoff);
    state.db(move |c| check(c, &rules, &k, &ip, kindred_db::now_utc())).await?;
    if state.hasher.verify(password, account.password_hash.clone()).await?.ok {
        return Ok(());
    }
    let (st, ip, acc) = (state.clone(), client.ip.clone(), account.clone());
    state
        .tx(move |c| record_failure(c, &st, &key, &ip, Some(&acc), Action::AuthPasswordCheckFailed))
        .await?;
    state.wake_mailer();
    Err(ApiError::field(field, "incorrect", "Your password is not right."))
}
