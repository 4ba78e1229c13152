//! `POST /auth/password-reset/request`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::recovery;
use kindred_domain::Email;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::views::Accepted;
use crate::{ApiError, AppState, Json};

/// Whose password to reset.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's email address.
    #[schema(schema_with = crate::fields::email)]
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
    let outbox = state.outbox.clone();
    state.db(move |c| Ok(recovery::request_reset(c, &outbox, &email)?)).await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "If that address has an account, we sent a link to reset the password.".into(),
    }))
}
