//! Accounts: roles, profile fields and the member's own conditions.

use crate::FieldError;

text_enum! {
    /// A platform-wide role. Moderators are appointed per community, not here.
    Role {
        /// A member (the default on registration).
        Patient = "patient",
        /// A verified researcher.
        Researcher = "researcher",
        /// An administrator (created from the command line only).
        Admin = "admin",
    }
}

text_enum! {
    /// Who can see a member's profile.
    Visibility {
        /// Only the member.
        Private = "private",
        /// Signed-in members.
        Members = "members",
        /// Anyone.
        Public = "public",
    }
}

/// Who sees a new account's profile: only the member, until they choose otherwise (nothing is
/// shared unless the member chooses; DESIGN §6.1).
pub const NEW_ACCOUNT_VISIBILITY: Visibility = Visibility::Private;

/// The version of the terms of use, privacy notice and medical disclaimer now in force (the
/// web app's trust pages carry the same date; sign-up records which version was accepted).
pub const TERMS_VERSION: &str = "2026-12-01";

/// Whether a new account gets notification emails (replies, study invitations, moderation
/// decisions): no, every opt-in starts off.
pub const NEW_ACCOUNT_NOTIFY_EMAIL: bool = false;

text_enum! {
    /// Self-reported sex, used only in aggregate or de-identified form.
    Sex {
        /// Female.
        Female = "female",
        /// Male.
        Male = "male",
        /// Intersex.
        Intersex = "intersex",
        /// Prefers not to say.
        PreferNotToSay = "prefer_not_to_say",
    }
}

text_enum! {
    /// The state of one of a member's conditions.
    ConditionStatus {
        /// Currently active.
        Active = "active",
        /// In remission.
        InRemission = "in_remission",
        /// Resolved.
        Resolved = "resolved",
    }
}

text_enum! {
    /// An account's standing.
    AccountStatus {
        /// Normal.
        Active = "active",
        /// Suspended by an admin; cannot log in.
        Suspended = "suspended",
        /// Erased at the member's request.
        Deleted = "deleted",
    }
}

/// A birth year between 1900 and `current_year`.
pub fn parse_birth_year(year: i32, current_year: i32) -> Result<i32, FieldError> {
    if (1900..=current_year).contains(&year) {
        Ok(year)
    } else {
        Err(FieldError::new(
            "birth_year",
            "out_of_range",
            format!("Enter a year between 1900 and {current_year}."),
        ))
    }
}

/// A diagnosis year between 1900 and `current_year`.
pub fn parse_diagnosis_year(year: i32, current_year: i32) -> Result<i32, FieldError> {
    parse_birth_year(year, current_year).map_err(|mut e| {
        e.field = "diagnosis_year".into();
        e
    })
}

/// An ISO 3166-1 alpha-2 country code (two letters), upper-cased.
pub fn parse_country(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim().to_ascii_uppercase();
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(FieldError::new(
            "country",
            "invalid_country",
            "Use a two-letter country code like GB or US.",
        ))
    }
}

/// An IANA time zone name (e.g. `Europe/Berlin`), as the tz database spells it.
pub fn parse_time_zone(raw: &str) -> Result<String, FieldError> {
    raw.trim().parse::<chrono_tz::Tz>().map(|tz| tz.name().to_string()).map_err(|_| {
        FieldError::new(
            "time_zone",
            "invalid_time_zone",
            "Use a time zone name like Europe/Berlin or America/New_York.",
        )
    })
}

/// A catalog slug: 2–60 of lower-case letters, digits and `-`.
pub fn parse_slug(raw: &str, field: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    let ok = (2..=60).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(FieldError::new(field, "invalid_slug", "Use 2–60 lower-case letters, digits and '-'."))
    }
}

/// An ICD-10 code such as `G35` or `G12.21`.
pub fn parse_icd10(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim().to_ascii_uppercase();
    let b = s.as_bytes();
    let ok = (3..=8).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && b[2].is_ascii_alphanumeric()
        && (b.len() == 3
            || (b[3] == b'.' && b.len() > 4 && b[4..].iter().all(u8::is_ascii_alphanumeric)));
    if ok {
        Ok(s)
    } else {
        Err(FieldError::new("icd10", "invalid_icd10", "Use an ICD-10 code like G35 or G12.21."))
    }
}

/// A free-text reason (for suspensions, moderation): 3–500 characters after trimming.
pub fn parse_reason(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    match s.chars().count() {
        0..=2 => {
            Err(FieldError::new("reason", "too_short", "Give a reason of at least 3 characters."))
        }
        3..=500 => Ok(s.to_string()),
        _ => Err(FieldError::new("reason", "too_long", "A reason has at most 500 characters.")),
    }
}

/// A display name (conditions, questionnaires): 2–120 characters after trimming.
pub fn parse_name(raw: &str, field: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    match s.chars().count() {
        0..=1 => Err(FieldError::new(field, "too_short", "Use at least 2 characters.")),
        2..=120 => Ok(s.to_string()),
        _ => Err(FieldError::new(field, "too_long", "Use at most 120 characters.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(ConditionStatus::parse("in_remission"), Some(ConditionStatus::InRemission));
        assert_eq!(Visibility::parse("everyone"), None);
    }

    #[test]
    fn field_parsers() {
        assert!(parse_birth_year(1899, 2026).is_err());
        assert!(parse_birth_year(2027, 2026).is_err());
        assert_eq!(parse_birth_year(1980, 2026), Ok(1980));
        assert_eq!(parse_country(" gb "), Ok("GB".into()));
        assert!(parse_country("GBR").is_err());
        assert!(parse_country("1A").is_err());
        assert_eq!(parse_time_zone(" Europe/Berlin "), Ok("Europe/Berlin".into()));
        assert_eq!(parse_time_zone("UTC"), Ok("UTC".into()));
        assert!(parse_time_zone("Mars/Olympus").is_err());
        assert!(parse_time_zone("+01:00").is_err());
        assert_eq!(parse_icd10("g12.21"), Ok("G12.21".into()));
        assert!(parse_icd10("G35").is_ok());
        assert!(parse_icd10("U09.9").is_ok());
        assert!(parse_icd10("35G").is_err());
        assert!(parse_icd10("G35.").is_err());
        assert!(parse_slug("long-covid", "slug").is_ok());
        assert!(parse_slug("Long Covid", "slug").is_err());
        assert!(parse_reason("  ").is_err());
        assert!(parse_reason(&"x".repeat(501)).is_err());
    }
}
