//! Email addresses, parsed once at the edge.

use crate::FieldError;

/// A syntactically valid, normalised (trimmed, lower-cased) email address.
///
/// The field is private: the only way to get an `Email` is [`Email::parse`], so nothing
/// downstream can hold an unchecked address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an address. Errors name the field `email`.
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let err = |code: &str, msg: &str| FieldError::new("email", code, msg);
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(err("required", "Enter your email address."));
        }
        if s.len() > 254 {
            return Err(err("too_long", "An email address has at most 254 characters."));
        }
        let invalid = || err("invalid_email", "Enter an email address like name@example.org.");
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(invalid());
        }
        // ASCII only in the part before the `@`: mail servers and libraries disagree on
        // internationalised local parts (and lower-casing can turn one into a sequence they
        // refuse, e.g. `İ` → `i̇`), and an address we cannot mail can never be verified.
        let local_ok =
            local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(invalid());
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return Err(invalid());
        }
        for label in &labels {
            let ok = !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-');
            if !ok {
                return Err(invalid());
            }
        }
        Ok(Email(s))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            Email::parse("  Ann.Lee+x@Example.ORG ").map(|e| e.0),
            Ok("ann.lee+x@example.org".into())
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "plain",
            "@x.org",
            "a@",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@-b.org",
            "a..b@c.org",
            "a@b..org",
            "İnfo@test.example",
            "müller@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long).map_err(|e| e.code), Err("too_long".to_string()));
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,300}") {
            let _ = Email::parse(&s);
        }

        #[test]
        fn simple_addresses_round_trip(local in "[a-z0-9]{1,20}", host in "[a-z0-9]{1,20}") {
            let raw = format!("{local}@{host}.org");
            let parsed = Email::parse(&raw).map(|e| e.0);
            prop_assert_eq!(parsed, Ok(raw));
        }
    }
}
