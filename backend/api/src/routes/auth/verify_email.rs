//! `POST /auth/verify-email`

use actix_web::{post, web};
use kindred_db::queries::{audit, email_tokens, sessions, users};
use kindred_domain::audit::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{tokens, ClientInfo};
use crate::{ApiError, AppState, Json};

/// The token from the verification link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailRequest {
    /// The `token` query parameter of the link.
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
    responses((status = 200, body = VerifyEmailResponse), (status = 422, body = crate::error::Problem)))]
#[post("/auth/verify-email")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<VerifyEmailRequest>,
) -> Result<web::Json<VerifyEmailResponse>, ApiError> {
    state.auth_limiter.check(&format!("verify:{}", client.ip))?;
    let token = body.into_inner().token;
    if token.len() > 200 {
        return Err(crate::auth::session::invalid_token());
    }
    state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            let user_id = email_tokens::consume(c, &tokens::hash(&token), "verify_email", now)?
                .ok_or_else(crate::auth::session::invalid_token)?;
            users::mark_verified(c, &user_id, now)?;
            // Whoever registered the address may not be its owner: sessions opened before the
            // owner proved it end here, so the sign-in after verification is the only one.
            sessions::revoke_all(c, &user_id, None, "email_verified", now)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthEmailVerified, Some(&user_id))
                    .subject("user", &user_id),
            )?;
            Ok(())
        })
        .await?;
    Ok(web::Json(VerifyEmailResponse { verified: true }))
}
