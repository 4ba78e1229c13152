//! Answers of the sign-in family of endpoints.

use serde::Serialize;
use utoipa::ToSchema;

use super::UserResponse;

/// Tokens for a signed-in client.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    /// The access token (a JWT); send it as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires (600).
    pub expires_in: i64,
    /// The refresh token, for non-browser clients (browsers use the HttpOnly cookie).
    /// Single use: every refresh returns a new one; replaying an old one ends the session.
    pub refresh_token: String,
    /// The signed-in account.
    pub user: UserResponse,
}

/// A neutral acknowledgement (the same whatever happened, where telling would leak).
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    /// What happens next, in plain language.
    pub message: String,
}
