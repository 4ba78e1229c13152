//! The password policy (NIST SP 800-63B / OWASP ASVS 2.1): length, not composition.

use crate::FieldError;

/// Minimum length in characters.
pub const MIN_LEN: usize = 12;
/// Maximum length in characters (bounds hashing cost).
pub const MAX_LEN: usize = 128;

/// A password that meets the policy. Never logged: `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(**redacted**)")
    }
}

impl Password {
    /// Checks a new password: 12–128 characters of any kind, and not a common or easily
    /// guessed password. `field` is the request field it came from; `context` holds the
    /// user's own email and handle, which must not make up the password.
    pub fn parse(raw: &str, field: &str, context: &[&str]) -> Result<Password, FieldError> {
        let n = raw.chars().count();
        if n < MIN_LEN {
            return Err(FieldError::new(field, "too_short", "Use at least 12 characters."));
        }
        if n > MAX_LEN {
            return Err(FieldError::new(field, "too_long", "Use at most 128 characters."));
        }
        // zxcvbn knows the common-password, name and word lists and keyboard patterns; a score
        // below 3 means an attacker guesses it in under ~10^8 tries.
        let strength = zxcvbn::zxcvbn(raw, context);
        if u8::from(strength.score()) < 3 {
            return Err(FieldError::new(
                field,
                "too_common",
                "This password is too common or too easy to guess. A few unrelated words make a strong one.",
            ));
        }
        Ok(Password(raw.to_string()))
    }

    /// Wraps a password typed to *log in* or to confirm: only the length cap applies, so a
    /// policy change never locks anyone out.
    pub fn unchecked(raw: &str) -> Password {
        Password(raw.chars().take(MAX_LEN + 1).collect())
    }

    /// The secret, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(
            Password::parse("short", "password", &[]).map_err(|e| e.code),
            Err("too_short".into())
        );
        assert_eq!(
            Password::parse(&"x".repeat(129), "password", &[]).map_err(|e| e.code),
            Err("too_long".into())
        );
        for common in
            ["password1234", "123456789012", "qwertyuiopas", "passwordpassword", "iloveyou1234"]
        {
            assert_eq!(
                Password::parse(common, "password", &[]).map_err(|e| e.code),
                Err("too_common".into()),
                "{common}"
            );
        }
        assert!(Password::parse("correct horse battery staple", "password", &[]).is_ok());
        assert!(Password::parse("Gl4cier-mint-Harbour", "password", &[]).is_ok());
        // No composition rules: all lower-case words are fine, and so is any script.
        assert!(Password::parse("ствол яблоко облако", "password", &[]).is_ok());
    }

    #[test]
    fn context_words_count_against_the_password() {
        assert!(
            Password::parse("ann.lee@example.org", "password", &["ann.lee@example.org"]).is_err()
        );
        assert!(Password::parse("ann.lee@example.org", "password", &[]).is_ok());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::unchecked("hunter2hunter2");
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
