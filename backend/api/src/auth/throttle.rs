//! Checking a signed-in member's password before a sensitive action, held by the sign-in
//! backoff (`kindred_app::accounts::signin`).

use kindred_app::accounts::signin;
use kindred_db::models::user::User;
use kindred_domain::audit::Action;

use crate::{ApiError, AppState};

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
    let key = kindred_app::accounts::failure_key(account.email.as_deref().unwrap_or(&account.id));
    let (k, ip, rules) = (key.clone(), client.ip.clone(), state.config.login_backoff);
    let attempt = state.db(move |c| Ok(signin::reserve(c, &rules, &k, &ip)?)).await?;
    match state.hasher.verify(password, account.password_hash.clone()).await {
        // It matched, or it was not checked at all (the hashing queue is full: 503).
        Ok(v) if v.ok => return state.db(move |c| Ok(signin::release(c, &attempt)?)).await,
        Err(e) => {
            state.db(move |c| Ok(signin::release(c, &attempt)?)).await?;
            return Err(e.into());
        }
        Ok(_) => {}
    }
    let (outbox, ip, acc) = (state.outbox.clone(), client.ip.clone(), account.clone());
    state
        .db(move |c| {
            let action = Action::AuthPasswordCheckFailed;
            Ok(signin::record_failure(c, &outbox, &rules, (&key, &ip), Some(&acc), action)?)
        })
        .await?;
    state.wake_mailer();
    Err(ApiError::field(field, "incorrect", "Your password is not right."))
}
