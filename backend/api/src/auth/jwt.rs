//! Access tokens: short-lived HS256 JWTs that name their session.

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// Token issuer.
pub const ISSUER: &str = "kindred";
/// Token audience.
pub const AUDIENCE: &str = "kindred-api";
/// Access token lifetime in seconds.
pub const ACCESS_TTL_SECS: i64 = 600;

/// The claims of an access token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// The user id.
    pub sub: String,
    /// The session id; the session must still be live for the token to work.
    pub sid: String,
    /// Issued at (unix seconds).
    pub iat: i64,
    /// Expires at (unix seconds).
    pub exp: i64,
}

/// Signing and verification keys with one pinned algorithm.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    /// Keys from the server secret.
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        validation.validate_exp = true;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Issues an access token; returns it with its lifetime in seconds.
    pub fn issue(
        &self,
        user_id: &str,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(String, i64)> {
        let iat = now.timestamp();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            sid: session_id.into(),
            iat,
            exp: iat + ACCESS_TTL_SECS,
        };
        Ok((encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?, ACCESS_TTL_SECS))
    }

    /// Verifies a token's signature, algorithm, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        // An `iat` in the future (beyond the leeway) is a forged or mis-clocked token, and no
        // token we issue lives longer than the access lifetime.
        let c = data.claims;
        (c.iat <= Utc::now().timestamp() + 5 && c.exp - c.iat <= ACCESS_TTL_SECS).then_some(c)
    }
}
