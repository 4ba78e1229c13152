//! `POST /auth/password-reset/confirm`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, email_tokens, sessions, users};
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{tokens, ClientInfo};
use crate::mail::templates;
use crate::{ApiError, AppState, Json};

/// A new password with the token from the reset email.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    /// The `token` query parameter of the reset link.
    pub token: String,
    /// The new password (12–128 characters; not a common password).
    pub new_password: String,
}

/// Sets a new password with a reset token. Ends every session and emails a notice.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirm,
    responses((status = 204, description = "Password changed; sign in again"),
              (status = 422, body = crate::error::Problem)))]
#[post("/auth/password-reset/confirm")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<PasswordResetConfirm>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("reset-confirm:{}", client.ip))?;
    let req = body.into_inner();
    if req.token.len() > 200 {
        return Err(crate::auth::session::invalid_token());
    }
    let password = Password::parse(&req.new_password, "new_password", &[])?;
    let hash = state.hasher.hash(&password).await?;
    let token_hash = tokens::hash(&req.token);
    let st = state.clone();
    state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            let user_id = email_tokens::consume(c, &token_hash, "password_reset", now)?
                .ok_or_else(crate::auth::session::invalid_token)?;
            let user = users::find(c, &user_id)?.ok_or_else(crate::auth::session::invalid_token)?;
            if user.status()? == AccountStatus::Deleted {
                return Err(crate::auth::session::invalid_token());
            }
            users::set_password_hash(c, &user.id, &hash)?;
            users::clear_login_failures(c, &user.id)?;
            if let Some(email) = &user.email {
                kindred_db::queries::auth_failures::clear(
                    c,
                    &crate::auth::throttle::account_key(email),
                    None,
                )?;
            }
            sessions::revoke_all(c, &user.id, None, "password_reset", now)?;
            if let Some(to) = &user.email {
                let mail = templates::password_changed();
                crate::mail::sealed::queue(c, &st, Some(&user.id), to, &mail)?;
            }
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthPasswordReset, Some(&user.id))
                    .subject("user", &user.id),
            )?;
            Ok(())
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::NoContent().finish())
}
