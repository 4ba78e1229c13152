//! `POST /auth/verify-email`

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::{ApiError, AppState, Json};

/// The token from the verification link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailRequest {
    /// The `token` query parameter of the link.
    #[schema(min_length = 1)]
    pub token: String,
}

/// Verification result.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerifyEmailResponse {
    /// Always true on success.
    pub verified: bool,
}

/// Confirms an email address with the single-use token from the verification email. Every
/// session opened before the confirmation ends: sign in again afterwards.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = VerifyEmailRequest,
    responses((status = 200, body = VerifyEmailResponse), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many requests from this address; wait")))]
#[post("/auth/verify-email")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<VerifyEmailRequest>,
) -> Result<web::Json<VerifyEmailResponse>, ApiError> {
    state.auth_limiter.check(&format!("verify:{}", client.ip))?;
    let token = body.into_inner().token;
    state.db(move |c| Ok(kindred_app::accounts::signup::verify_email(c, &token)?)).await?;
    Ok(web::Json(VerifyEmailResponse { verified: true }))
}
