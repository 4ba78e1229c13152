//! `POST /auth/password-reset/request`

use actix_web::{post, web, HttpResponse};
use chrono::TimeDelta;
use kindred_db::queries::{audit, users};
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::mail::templates;
use crate::views::Accepted;
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
            if user.status()? == AccountStatus::Deleted
                || !crate::mail::sealed::may_send(c, &st, email.as_str(), "password_reset")?
            {
                return Ok(());
            }
            let token = crate::auth::session::issue_email_token(
                c,
                &user.id,
                "password_reset",
                TimeDelta::hours(1),
                now,
            )?;
            let mail =
                templates::password_reset(&st.link(&format!("/reset-password?token={token}")));
            crate::mail::sealed::queue(c, &st, Some(&user.id), email.as_str(), &mail)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthPasswordResetRequested, None)
                    .subject("user", &user.id),
            )?;
            Ok(())
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "If that address has an account, we sent a link to reset the password.".into(),
    }))
}
