//! `POST /auth/password-reset/request`

use actix_web::{post, web, HttpResponse};
use chrono::TimeDelta;
use kindred_db::models::email_token::EmailToken;
use kindred_db::queries::{audit, email_tokens, users};
use kindred_domain::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Accepted;
use crate::auth::{tokens, ClientInfo};
use crate::mail::templates;
use crate::{ApiError, AppState, Json};

/// Whose password to reset.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's email address.
    pub email: String,
}

/// Emails a single-use reset link (valid 1 hour; older links stop working). 202 whether or
/// not the address has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/request", tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 202, body = Accepted), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[post("/auth/password-reset/request")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("reset:{}", client.ip))?;
    let email = Email::parse(&body.into_inner().email)?;
    let st = state.clone();
    state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
            if user.status == "deleted" {
                return Ok(());
            }
            email_tokens::invalidate(c, &user.id, "password_reset", now)?;
            let token = tokens::generate();
            email_tokens::insert(
                c,
                &EmailToken {
                    token_hash: tokens::hash(&token),
                    user_id: user.id.clone(),
                    purpose: "password_reset".into(),
                    created_at: now.naive_utc(),
                    expires_at: (now + TimeDelta::hours(1)).naive_utc(),
                    used_at: None,
                },
            )?;
            let mail =
                templates::password_reset(&st.link(&format!("/reset-password?token={token}")));
            crate::mail::sealed::queue(c, &st, Some(&user.id), email.as_str(), &mail)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new("auth.password_reset_requested", None)
                    .subject("user", &user.id)
                    .details(serde_json::json!({ "ip": client.ip })),
            )?;
            Ok(())
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "If that address has an account, we sent a link to reset the password.".into(),
    }))
}
