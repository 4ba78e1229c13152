//! Research (DESIGN §6.6): researcher verification so far — the states of an application and
//! the checks on what an applicant sends.

use crate::{Email, FieldError};

text_enum! {
    /// Where a researcher application stands.
    ApplicationStatus {
        /// Waiting for an admin.
        Pending = "pending",
        /// Approved: the applicant is a researcher.
        Approved = "approved",
        /// Rejected, with a reason.
        Rejected = "rejected",
    }
}

/// Longest institution, title; longest statement.
pub const MAX_LINE: usize = 200;
/// Longest statement, in characters.
pub const MAX_STATEMENT: usize = 4_000;

/// A one-line field (institution, title): 2–200 characters, one line.
pub fn parse_line(field: &str, raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    let n = s.chars().count();
    if n < 2 {
        return Err(FieldError::new(field, "too_short", "Use at least 2 characters."));
    }
    if n > MAX_LINE {
        return Err(FieldError::new(field, "too_long", format!("At most {MAX_LINE} characters.")));
    }
    if s.chars().any(char::is_control) {
        return Err(FieldError::new(field, "invalid_character", "Keep it on one line."));
    }
    Ok(s.to_string())
}

/// The applicant's statement: what they research and why they need Kindred's data, 20–4,000
/// characters.
pub fn parse_statement(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    let n = s.chars().count();
    if n < 20 {
        return Err(FieldError::new(
            "statement",
            "too_short",
            "Say in a few sentences what you research and why (at least 20 characters).",
        ));
    }
    if n > MAX_STATEMENT {
        return Err(FieldError::new(
            "statement",
            "too_long",
            format!("At most {MAX_STATEMENT} characters."),
        ));
    }
    if s.contains('\0') {
        return Err(FieldError::new("statement", "invalid_character", "Remove the NUL character."));
    }
    Ok(s.to_string())
}

/// An institutional email address (checked like any address, reported on its own field).
pub fn parse_institutional_email(raw: &str) -> Result<Email, FieldError> {
    Email::parse(raw).map_err(|e| FieldError::new("institutional_email", e.code, e.message))
}

/// An ORCID iD, `0000-0002-1825-0097` (also accepted with an `https://orcid.org/` prefix or
/// without hyphens), whose last character is the ISO 7064 MOD 11-2 check digit of the other
/// fifteen. Returns the canonical hyphenated form.
pub fn parse_orcid(raw: &str) -> Result<String, FieldError> {
    let bad = || {
        FieldError::new(
            "orcid",
            "invalid_orcid",
            "Enter an ORCID iD such as 0000-0002-1825-0097 (its last digit is a check digit).",
        )
    };
    let s = raw.trim();
    let s = s
        .strip_prefix("https://orcid.org/")
        .or_else(|| s.strip_prefix("http://orcid.org/"))
        .or_else(|| s.strip_prefix("orcid.org/"))
        .unwrap_or(s);
    let chars: Vec<char> = s.chars().filter(|c| *c != '-').collect();
    if chars.len() != 16 || s.len() > 19 {
        return Err(bad());
    }
    let (body, check) = chars.split_at(15);
    let mut total: u32 = 0;
    for c in body {
        let d = c.to_digit(10).ok_or_else(bad)?;
        total = (total + d) * 2;
    }
    let expected = (12 - total % 11) % 11;
    let expected =
        if expected == 10 { 'X' } else { char::from_digit(expected, 10).ok_or_else(bad)? };
    if check[0].to_ascii_uppercase() != expected {
        return Err(bad());
    }
    let canon: String = chars.iter().map(|c| c.to_ascii_uppercase()).collect();
    Ok(format!("{}-{}-{}-{}", &canon[0..4], &canon[4..8], &canon[8..12], &canon[12..16]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orcid_check_digits() {
        // ORCID's own examples.
        assert_eq!(parse_orcid("0000-0002-1825-0097").as_deref(), Ok("0000-0002-1825-0097"));
        assert_eq!(
            parse_orcid("https://orcid.org/0000-0001-5109-3700").as_deref(),
            Ok("0000-0001-5109-3700")
        );
        assert_eq!(parse_orcid("000000021694233x").as_deref(), Ok("0000-0002-1694-233X"));
        for bad in [
            "0000-0002-1825-0098",
            "0000-0002-1825-009",
            "abcd-0002-1825-0097",
            "",
            "0000-0002-1825-00977",
        ] {
            assert!(parse_orcid(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fields_are_bounded() {
        assert!(parse_line("institution", "U").is_err());
        assert!(parse_line("institution", "Uni\nversity").is_err());
        assert_eq!(parse_line("title", "  PhD student ").as_deref(), Ok("PhD student"));
        assert!(parse_statement("too short").is_err());
        assert!(parse_statement(&"x".repeat(4_001)).is_err());
        assert_eq!(
            parse_institutional_email("not an email").map_err(|e| e.field),
            Err("institutional_email".to_string())
        );
    }
}
