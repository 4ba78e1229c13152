//! `POST /auth/resend-verification`

use actix_web::{post, web, HttpResponse};
use chrono::TimeDelta;
use kindred_db::queries::users;
use kindred_domain::account::AccountStatus;
use kindred_domain::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::mail::templates;
use crate::views::Accepted;
use crate::{ApiError, AppState, Json};

/// Whose verification email to send again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResendVerificationRequest {
    /// The address registered.
    pub email: String,
}

/// Sends a new verification link (older ones stop working). 202 whether or not the address
/// is registered or already verified.
#[utoipa::path(post, path = "/api/v1/auth/resend-verification", tag = "auth",
    request_body = ResendVerificationRequest,
    responses((status = 202, body = Accepted), (status = 422, body = crate::error::Problem)))]
#[post("/auth/resend-verification")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<ResendVerificationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("resend:{}", client.ip))?;
    let email = Email::parse(&body.into_inner().email)?;
    let st = state.clone();
    state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
            if user.email_verified_at.is_some() || user.status()? != AccountStatus::Active {
                return Ok(());
            }
            if !crate::mail::sealed::may_send(c, &st, email.as_str(), "verify_email")? {
                return Ok(());
            }
            let token = crate::auth::session::issue_email_token(
                c,
                &user.id,
                "verify_email",
                TimeDelta::hours(24),
                now,
            )?;
            let mail = templates::verify_email(
                &user.handle,
                &st.link(&format!("/verify-email?token={token}")),
            );
            crate::mail::sealed::queue(c, &st, Some(&user.id), email.as_str(), &mail)?;
            Ok(())
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "If that address has an account waiting for confirmation, we sent a new link."
            .into(),
    }))
}
