//! Pseudonymous member handles.

use crate::FieldError;

/// A member's public, pseudonymous name: 3–30 of letters, digits, `_` and `-`.
///
/// Handles keep the case the member chose for display but are unique case-insensitively;
/// [`Handle::key`] is the lower-cased form the database indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);

impl Handle {
    /// Parses a handle. Errors name the field `handle`.
    pub fn parse(raw: &str) -> Result<Handle, FieldError> {
        let s = raw.trim();
        let n = s.chars().count();
        if n < 3 {
            return Err(FieldError::new(
                "handle",
                "too_short",
                "A handle has at least 3 characters.",
            ));
        }
        if n > 30 {
            return Err(FieldError::new(
                "handle",
                "too_long",
                "A handle has at most 30 characters.",
            ));
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(FieldError::new(
                "handle",
                "invalid_handle",
                "Use only letters, digits, '_' and '-' in a handle.",
            ));
        }
        Ok(Handle(s.to_string()))
    }

    /// The handle as the member typed it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive uniqueness key.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rules() {
        assert!(Handle::parse("Ann_Lee-2").is_ok());
        assert_eq!(Handle::parse("ab").map_err(|e| e.code), Err("too_short".into()));
        assert_eq!(Handle::parse(&"a".repeat(31)).map_err(|e| e.code), Err("too_long".into()));
        assert_eq!(Handle::parse("ann lee").map_err(|e| e.code), Err("invalid_handle".into()));
        assert_eq!(Handle::parse("änn").map_err(|e| e.code), Err("invalid_handle".into()));
        assert_eq!(Handle::parse("AnnLee").map(|h| h.key()), Ok("annlee".into()));
    }

    proptest! {
        #[test]
        fn valid_handles_parse(s in "[A-Za-z0-9_-]{3,30}") {
            prop_assert_eq!(Handle::parse(&s).map(|h| h.0), Ok(s));
        }
        #[test]
        fn never_panics(s in ".{0,100}") { let _ = Handle::parse(&s); }
    }
}
