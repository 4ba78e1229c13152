//! `POST /auth/resend-verification`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::signup;
use kindred_domain::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::views::Accepted;
use crate::{ApiError, AppState, Json};

/// Whose verification email to send again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResendVerificationRequest {
    /// The address registered.
    #[schema(schema_with = crate::fields::email)]
    pub email: String,
}

/// Sends a new verification link (older ones stop working). 202 whether or not the address
/// is registered or already verified.
#[utoipa::path(post, path = "/api/v1/auth/resend-verification", tag = "auth",
    request_body = ResendVerificationRequest,
    responses((status = 202, body = Accepted), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many requests from this address; wait")))]
#[post("/auth/resend-verification")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<ResendVerificationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("resend:{}", client.ip))?;
    let email = Email::parse(&body.into_inner().email)?;
    let outbox = state.outbox.clone();
    state.db(move |c| Ok(signup::resend_verification(c, &outbox, &email)?)).await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "If that address has an account waiting for confirmation, we sent a new link."
            .into(),
    }))
}
