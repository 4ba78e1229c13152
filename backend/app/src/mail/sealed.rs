//! Email bodies at rest: the outbox holds links with single-use tokens, so bodies are sealed
//! (XChaCha20-Poly1305 under a key derived from the server secret) before they are stored,
//! opened only by the sender, and cleared once delivered. A copy of the database alone
//! yields no usable token.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::XChaCha20Poly1305;
use kindred_db::queries::outbox::{self, NewEmail};
use kindred_db::DbConn;
use sha2::{Digest, Sha256};

use crate::mail::templates::Rendered;
use crate::AppError;

const PREFIX: &str = "sealed:v1:";

fn cipher(secret: &[u8]) -> XChaCha20Poly1305 {
    let mut h = Sha256::new();
    h.update(b"kindred-outbox-v1");
    h.update(secret);
    XChaCha20Poly1305::new(&h.finalize())
}

/// Encrypts a body for storage.
pub fn seal(secret: &[u8], plain: &str) -> Result<String, AppError> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let ct = cipher(secret)
        .encrypt(&nonce, plain.as_bytes())
        .map_err(|_| AppError::internal(anyhow::anyhow!("cannot seal email body")))?;
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&ct);
    Ok(format!("{PREFIX}{}", STANDARD_NO_PAD.encode(blob)))
}

/// Decrypts a stored body (unsealed text passes through unchanged).
pub fn open(secret: &[u8], stored: &str) -> Result<String, String> {
    let Some(b64) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_string()) };
    let blob = STANDARD_NO_PAD.decode(b64).map_err(|e| format!("bad sealed body: {e}"))?;
    if blob.len() < 24 {
        return Err("bad sealed body: too short".into());
    }
    let (nonce, ct) = blob.split_at(24);
    let plain = cipher(secret)
        .decrypt(nonce.into(), ct)
        .map_err(|_| "cannot open sealed body (was the secret changed?)".to_string())?;
    String::from_utf8(plain).map_err(|e| e.to_string())
}

/// How mail is queued: the key that seals bodies, the web app's address for links and the
/// per-recipient limits. Built once at start-up; use cases queue mail through it.
#[derive(Clone)]
pub struct Outbox {
    secret: Vec<u8>,
    public_url: String,
    cooldown_secs: i64,
    daily_limit: i64,
}

impl Outbox {
    /// An outbox sealing with `secret`, linking to `public_url`, sending at most one email of
    /// a kind per `cooldown_secs` (0: no cooldown) and `daily_limit` a day to one recipient.
    pub fn new(secret: &[u8], public_url: &str, cooldown_secs: i64, daily_limit: i64) -> Self {
        Self {
            secret: secret.to_vec(),
            public_url: public_url.trim_end_matches('/').to_string(),
            cooldown_secs,
            daily_limit,
        }
    }

    /// A link into the web app.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url)
    }

    /// Whether another email of `kind` may go to `to` now: at most one per cooldown and a few
    /// a day per recipient and kind (the answer to the caller stays the same either way).
    /// Callers that issue a token ask before issuing it, so a suppressed email leaves the last
    /// link live.
    pub fn may_send(&self, c: &mut DbConn, to: &str, kind: &str) -> Result<bool, AppError> {
        let now = kindred_db::now_utc();
        let cooldown = chrono::TimeDelta::seconds(self.cooldown_secs);
        let (short, day) =
            outbox::count_recent(c, to, kind, now - cooldown, now - chrono::TimeDelta::days(1))?;
        let ok = (self.cooldown_secs <= 0 || short == 0) && day < self.daily_limit;
        if !ok {
            tracing::info!(kind, "email suppressed by the per-recipient cooldown");
        }
        Ok(ok)
    }

    /// Queues a rendered email in the caller's transaction, sealed.
    pub fn queue(
        &self,
        c: &mut DbConn,
        user_id: Option<&str>,
        to: &str,
        mail: &Rendered,
    ) -> Result<(), AppError> {
        let text = seal(&self.secret, &mail.text)?;
        let html = seal(&self.secret, &mail.html)?;
        outbox::enqueue(
            c,
            &NewEmail {
                user_id,
                to,
                subject: &mail.subject,
                text: &text,
                html: &html,
                kind: mail.kind,
            },
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_and_hides_the_text() {
        let s = super::seal(b"0123456789abcdef0123456789abcdef", "token=abc").unwrap_or_default();
        assert!(s.starts_with("sealed:v1:") && !s.contains("abc"));
        assert_eq!(
            super::open(b"0123456789abcdef0123456789abcdef", &s),
            Ok("token=abc".to_string())
        );
        assert!(super::open(b"another-secret-another-secret-xx", &s).is_err());
    }
}
