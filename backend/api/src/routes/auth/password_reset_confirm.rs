//! `POST /auth/password-reset/confirm`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::recovery;
use kindred_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::{ApiError, AppState, Json};

/// A new password with the token from the reset email.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    /// The `token` query parameter of the reset link.
    #[schema(min_length = 1)]
    pub token: String,
    /// The new password (12–128 characters; not a common password).
    #[schema(schema_with = crate::fields::new_password)]
    pub new_password: String,
}

/// Sets a new password with a reset token. Ends every session and emails a notice.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirm,
    responses((status = 204, description = "Password changed; sign in again"),
              (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many requests from this address; wait"), (status = 503, body = crate::error::Problem, description = "Too many password hashes at once; retry")))]
#[post("/auth/password-reset/confirm")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<PasswordResetConfirm>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("reset-confirm:{}", client.ip))?;
    let req = body.into_inner();
    recovery::plausible_token(&req.token)?;
    let password = Password::parse(&req.new_password, "new_password", &[])?;
    let hash = state.hasher.hash(&password).await?;
    let outbox = state.outbox.clone();
    state.db(move |c| Ok(recovery::confirm_reset(c, &outbox, &req.token, &hash)?)).await?;
    state.wake_mailer();
    Ok(HttpResponse::NoContent().finish())
}
