//! Pseudonymous member handles.

use crate::FieldError;

/// A member's public, pseudonymous name: 3–30 of letters, digits, `_` and `-`.
///
/// Handles keep the case the member chose for display but are unique case-insensitively and
/// with `-`, `_` and `.` counted as one character (so `maria-h` cannot sit beside `maria_h`);
/// [`Handle::key`] is that folded form, which the database indexes. Names that imitate the
/// platform or its staff ([`RESERVED`], and anything starting with `admin`, `moderator`,
/// `kindred` or `deleted`) are refused to members.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle(String);

impl Handle {
    /// Parses a member's handle: [`Handle::parse_any`] that is not reserved.
    pub fn parse(raw: &str) -> Result<Handle, FieldError> {
        let h = Self::parse_any(raw)?;
        if h.is_reserved() {
            return Err(FieldError::new(
                "handle",
                "reserved",
                "This handle is reserved; choose another.",
            ));
        }
        Ok(h)
    }

    /// Whether the handle imitates the platform, its staff or an erased account.
    pub fn is_reserved(&self) -> bool {
        let key = self.key();
        RESERVED.contains(&key.as_str()) || RESERVED_PREFIXES.iter().any(|p| key.starts_with(p))
    }

    /// Parses a handle without the reserved-name rule (administrators created from the command
    /// line). Errors name the field `handle`.
    pub fn parse_any(raw: &str) -> Result<Handle, FieldError> {
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

    /// The uniqueness key: lower case, with `-` and `.` folded into `_`.
    pub fn key(&self) -> String {
        self.0
            .chars()
            .map(|c| match c {
                '-' | '.' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }
}

/// Days the handle of an erased account stays unavailable, so nobody takes over a name that
/// others knew at once.
pub const HOLD_DAYS: i64 = 90;

/// The error for a handle someone has (or had within [`HOLD_DAYS`]).
pub fn taken() -> FieldError {
    FieldError::new("handle", "taken", "This handle is taken; choose another.")
}

/// Handle keys members may not take (compared after [`Handle::key`] folding).
pub const RESERVED: &[&str] = &[
    "abuse",
    "a_member",
    "anonymous",
    "api",
    "help",
    "member",
    "me",
    "mod",
    "mods",
    "no_reply",
    "noreply",
    "null",
    "official",
    "postmaster",
    "researcher",
    "root",
    "security",
    "staff",
    "support",
    "system",
    "team",
    "undefined",
    "www",
];

/// Key prefixes members may not take: staff titles, the platform's name, and the erasure
/// tombstone (`deleted-…`, shown as "deleted member").
pub const RESERVED_PREFIXES: &[&str] = &["admin", "moderator", "kindred", "deleted"];

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

    #[test]
    fn separators_fold_into_one_key() {
        let k = |s: &str| Handle::parse(s).map(|h| h.key());
        assert_eq!(k("Maria-H"), k("maria_h"));
        assert_eq!(k("maria-h"), Ok("maria_h".into()));
    }

    #[test]
    fn imitating_names_are_reserved() {
        for h in [
            "admin",
            "Admin_2",
            "moderator",
            "kindred",
            "Kindred-Team",
            "deleted-member",
            "deleted_member",
            "support",
            "root",
            "a-member",
        ] {
            assert_eq!(Handle::parse(h).map_err(|e| e.code), Err("reserved".into()), "{h}");
            assert!(Handle::parse_any(h).is_ok(), "{h}");
        }
        for h in ["maria_h", "madmin", "modest", "rooted_in_care"] {
            assert!(Handle::parse(h).is_ok(), "{h}");
        }
    }

    proptest! {
        #[test]
        fn valid_handles_parse(s in "[A-Za-z0-9_-]{3,30}") {
            prop_assert_eq!(Handle::parse_any(&s).map(|h| h.0), Ok(s));
        }
        #[test]
        fn never_panics(s in ".{0,100}") { let _ = Handle::parse(&s); }
    }
}
