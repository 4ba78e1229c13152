//! What the parsers accept, said in the OpenAPI document: the schema of each request field
//! whose rule is more than its type, built here from the same limits the domain parsers use
//! (`#[schema(schema_with = fields::…)]`, `#[param(schema_with = …)]`), so that a client
//! generated from the document — and the contract test that sends it schema-valid and
//! schema-invalid requests — sees exactly the rule the server applies.
//!
//! Most text is *trimmed* before it is measured ("1–2,000 characters after trimming"); a
//! `maxLength` cannot say that, so such fields carry an anchored `pattern` instead: any
//! whitespace, then the trimmed text (first and last character not whitespace, the allowed
//! characters in between, its length in range), then any whitespace. "Whitespace" is Rust's
//! (`char::is_whitespace`, what `str::trim` removes), spelled out as a class because regex
//! dialects disagree about `\s`.

use kindred_domain::{forum, research};
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::KnownFormat;

/// Every character `str::trim` removes (Unicode White_Space).
const WS: &str = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// Which characters the trimmed text may hold besides printable ones.
#[derive(Clone, Copy)]
enum Chars {
    /// Anything but NUL (post bodies, reasons).
    Any,
    /// Anything but NUL and line breaks (thread titles).
    NoLineBreak,
    /// No control character at all (one-line fields).
    OneLine,
    /// No control character but the newline (multi-line study texts).
    Lines,
}

impl Chars {
    /// The characters excluded, as the inside of a regex class.
    fn excluded(self) -> &'static str {
        match self {
            Chars::Any => r"\x00",
            Chars::NoLineBreak => r"\x00\n\r",
            Chars::OneLine => r"\x00-\x1f\x7f-\x9f",
            Chars::Lines => r"\x00-\x09\x0b-\x1f\x7f-\x9f",
        }
    }
}

/// The pattern of a text that is `min`–`max` characters long after trimming.
fn trimmed_pattern(min: usize, max: usize, chars: Chars) -> String {
    let ex = chars.excluded();
    let (any, solid) = (format!("[^{ex}]"), format!("[^{ex}{WS}]"));
    let inner = match (min, max) {
        (_, 0) => String::new(),
        (0 | 1, 1) => solid.clone(),
        (0 | 1, _) => format!("{solid}(?:{any}{{0,{}}}{solid})?", max - 2),
        _ => format!("{solid}{any}{{{},{}}}{solid}", min - 2, max - 2),
    };
    let inner = if min == 0 && max > 0 { format!("(?:{inner})?") } else { inner };
    format!("^[{WS}]*{inner}[{WS}]*$")
}

fn string(nullable: bool) -> ObjectBuilder {
    let ty = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(ty)
}

fn or_null(mut o: Object) -> Object {
    o.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    o
}

fn trimmed(min: usize, max: usize, chars: Chars, nullable: bool, about: &str) -> Object {
    string(nullable)
        .pattern(Some(trimmed_pattern(min, max, chars)))
        .description(Some(about))
        .build()
}

/// A moderator's reason, an appeal statement: 1–2,000 characters after trimming.
pub fn reason() -> Object {
    trimmed(1, forum::MAX_REASON, Chars::Any, false, "1–2,000 characters after trimming.")
}

/// An optional note (a study approval's): 1–2,000 characters after trimming.
pub fn reason_or_null() -> Object {
    trimmed(1, forum::MAX_REASON, Chars::Any, true, "1–2,000 characters after trimming.")
}

/// Report details: at most 2,000 characters after trimming, may be empty.
pub fn details() -> Object {
    trimmed(0, forum::MAX_REASON, Chars::Any, false, "At most 2,000 characters after trimming.")
}

/// A post body: Markdown, 1–20,000 characters after trimming.
pub fn post_body() -> Object {
    trimmed(1, forum::MAX_BODY, Chars::Any, false, "Markdown, 1–20,000 characters after trimming.")
}

/// A thread title: 1–200 characters after trimming, one line.
pub fn thread_title() -> Object {
    trimmed(1, forum::MAX_TITLE, Chars::NoLineBreak, false, "1–200 characters, one line.")
}

/// A search query: 1–200 characters after trimming.
pub fn search_query() -> Object {
    trimmed(1, forum::MAX_QUERY, Chars::Any, false, "What to look for: 1–200 characters.")
}

/// An administrator's reason (suspension): 3–500 characters after trimming.
pub fn admin_reason() -> Object {
    trimmed(3, 500, Chars::Any, false, "Shown to the member; 3–500 characters after trimming.")
}

/// A display name (conditions, communities, questionnaire titles): 2–120 characters.
pub fn name() -> Object {
    trimmed(2, 120, Chars::Any, false, "2–120 characters after trimming.")
}

/// A researcher application's one-line field (institution, title): 2–200 characters.
pub fn line() -> Object {
    trimmed(2, research::MAX_LINE, Chars::OneLine, false, "2–200 characters, one line.")
}

/// A researcher application's statement: 20–4,000 characters after trimming.
pub fn statement() -> Object {
    trimmed(20, research::MAX_STATEMENT, Chars::Any, false, "20–4,000 characters.")
}

/// A study's title: 3–200 characters, one line.
pub fn study_title() -> Object {
    trimmed(3, 200, Chars::OneLine, false, "Title (3–200 characters, one line).")
}

/// The same, or null (a study draft's change).
pub fn study_title_or_null() -> Object {
    or_null(study_title())
}

/// A study's lay summary: 40–2,000 characters.
pub fn lay_summary() -> Object {
    trimmed(
        40,
        2_000,
        Chars::Lines,
        false,
        "What a patient reads before consenting (40–2,000 characters).",
    )
}

/// The same, or null (a study draft's change).
pub fn lay_summary_or_null() -> Object {
    or_null(lay_summary())
}

/// A study's scientific purpose: 20–4,000 characters.
pub fn purpose() -> Object {
    trimmed(20, 4_000, Chars::Lines, false, "Scientific purpose (20–4,000 characters).")
}

/// The same, or null (a study draft's change).
pub fn purpose_or_null() -> Object {
    or_null(purpose())
}

/// A study's ethics / IRB reference: 2–100 characters, one line.
pub fn ethics_reference() -> Object {
    trimmed(
        2,
        100,
        Chars::OneLine,
        false,
        "Ethics committee / IRB reference (2–100 characters, one line).",
    )
}

/// The same, or null (a study draft's change).
pub fn ethics_reference_or_null() -> Object {
    or_null(ethics_reference())
}

/// The reason given with a requested study category: 5–200 characters, one line.
pub fn category_reason() -> Object {
    trimmed(
        5,
        200,
        Chars::OneLine,
        false,
        "Why the study needs it, shown to patients (5–200 characters, one line).",
    )
}

/// A handle: 3–30 letters, digits, `_` or `-` (surrounding whitespace is ignored).
pub fn handle() -> Object {
    string(false)
        .pattern(Some(format!("^[{WS}]*[A-Za-z0-9_-]{{3,30}}[{WS}]*$")))
        .description(Some("A handle: 3–30 letters, digits, `_` or `-`."))
        .build()
}

/// A handle, or null.
pub fn handle_or_null() -> Object {
    or_null(handle())
}

/// An email address as [`kindred_domain::Email::parse`] accepts it: an ASCII local part,
/// a domain of at least two labels; at most 254 characters.
pub fn email() -> Object {
    let local = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
    let label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    string(false)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .pattern(Some(format!("^{local}@{label}(?:\\.{label})+$")))
        .max_length(Some(254))
        .description(Some("An email address."))
        .build()
}

/// A new password: 12–128 characters (and not a common one, which no schema can say).
pub fn new_password() -> Object {
    string(false)
        .min_length(Some(kindred_domain::password::MIN_LEN))
        .max_length(Some(kindred_domain::password::MAX_LEN))
        .description(Some("12–128 characters; not a common or easily guessed password."))
        .build()
}

/// A password typed to sign in or confirm: 1–128 characters.
pub fn password() -> Object {
    string(false)
        .min_length(Some(1))
        .max_length(Some(kindred_domain::password::MAX_LEN))
        .description(Some("The password."))
        .build()
}

/// A keyset cursor: the `next_cursor` of the previous page, as it came.
pub fn cursor() -> Object {
    string(false)
        .min_length(Some(1))
        .description(Some("Opaque: `next_cursor` from the previous page, as it came."))
        .build()
}

/// A study category's wire name as [`study::Category::parse`] reads it.
pub fn category() -> Object {
    string(false)
        .pattern(Some(r"^(demographics|conditions|(questionnaire|measurement):[a-z0-9_-]{1,64})$"))
        .description(Some(
            "`demographics`, `conditions`, `questionnaire:<slug>` or `measurement:<type>`.",
        ))
        .build()
}

/// A catalog slug (conditions, communities, questionnaires): 2–60 lower-case letters, digits
/// and `-`, not starting or ending with `-` (surrounding whitespace is ignored).
pub fn slug() -> Object {
    string(false)
        .pattern(Some(format!("^[{WS}]*[a-z0-9](?:[a-z0-9-]{{0,58}}[a-z0-9])[{WS}]*$")))
        .description(Some("A slug: 2–60 lower-case letters, digits and `-`."))
        .build()
}

/// A catalog slug, or null.
pub fn slug_or_null() -> Object {
    or_null(slug())
}

/// An ICD-10 code (`G35`, `G12.21`), in either case.
pub fn icd10() -> Object {
    string(false)
        .pattern(Some(format!(
            "^[{WS}]*[A-Za-z][0-9][A-Za-z0-9](?:\\.[A-Za-z0-9]{{1,4}})?[{WS}]*$"
        )))
        .description(Some("An ICD-10 code, e.g. `G35` or `G12.21`."))
        .build()
}

/// A measurement type's slug (`blood_pressure`), from `GET /measurement-types`.
pub fn type_slug() -> Object {
    string(false)
        .min_length(Some(1))
        .description(Some(
            "Type slug (`blood_pressure`, `body_weight`, …) from `GET /measurement-types`.",
        ))
        .build()
}

/// A client's idempotency id: 1–100 letters, digits, `.`, `_`, `:` or `-`.
pub fn client_id() -> Object {
    string(true)
        .pattern(Some("^[A-Za-z0-9._:-]{1,100}$"))
        .description(Some("Your id for this record (1–100 letters, digits, `.`, `_`, `:`, `-`): sending it again returns the stored one instead of a copy."))
        .build()
}

/// A measurement's note: at most 500 characters after trimming (empty: none).
pub fn note() -> Object {
    trimmed(0, 500, Chars::Any, true, "A short note (at most 500 characters; empty clears it).")
}

/// An ORCID iD (`0000-0002-1825-0097`, also as an orcid.org link); blank means none. Its
/// last character is a check digit, which no pattern can verify.
pub fn orcid() -> Object {
    string(true)
        .pattern(Some(format!(
            "^[{WS}]*(?:(?:(?:https?://)?orcid\\.org/)?[0-9]{{4}}-?[0-9]{{4}}-?[0-9]{{4}}-?[0-9]{{3}}[0-9Xx])?[{WS}]*$"
        )))
        .description(Some("ORCID iD, e.g. `0000-0002-1825-0097` (its check digit is verified)."))
        .build()
}

/// An id (a UUID, as the API gives them).
pub fn uuid() -> Object {
    string(false)
        .format(Some(SchemaFormat::Custom("uuid".into())))
        .description(Some("An id, as the API gave it."))
        .build()
}

/// The terms version accepted at sign-up: the one in force.
pub fn terms_version() -> Object {
    string(true)
        .enum_values(Some([
            serde_json::Value::from(kindred_domain::account::TERMS_VERSION),
            serde_json::Value::Null,
        ]))
        .description(Some("The date of the terms in force (`GET /terms`), or null."))
        .build()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use kindred_domain::study;

    fn matches(pattern: &str, s: &str) -> bool {
        regex::Regex::new(pattern).unwrap().is_match(s)
    }

    #[test]
    fn a_trimmed_pattern_measures_the_trimmed_text() {
        let p = trimmed_pattern(2, 5, Chars::OneLine);
        for ok in ["ab", " ab ", "a b", "abcde", "\n abcde \t"] {
            assert!(matches(&p, ok), "{ok:?} should match {p}");
        }
        for bad in ["", " ", "a", " a ", "abcdef", "a\tb", "ab\u{1}"] {
            assert!(!matches(&p, bad), "{bad:?} should not match {p}");
        }
        let one = trimmed_pattern(1, 3, Chars::Any);
        assert!(matches(&one, "x") && matches(&one, " x\ty ") && !matches(&one, "  "));
        let optional = trimmed_pattern(0, 2, Chars::Any);
        assert!(matches(&optional, "") && matches(&optional, "  ") && !matches(&optional, "abc"));
    }

    #[test]
    fn the_study_limits_are_the_parsers() {
        // The parsers' limits, as their errors state them.
        assert!(study::parse_title("ab").is_err() && study::parse_title("abc").is_ok());
        assert!(study::parse_ethics_reference(&"x".repeat(101)).is_err());
        assert!(study::parse_lay_summary(&"x".repeat(40)).is_ok());
        assert!(study::parse_lay_summary(&"x".repeat(39)).is_err());
        let p = trimmed_pattern(40, 2_000, Chars::Lines);
        assert!(matches(&p, &"x".repeat(40)) && !matches(&p, &"x".repeat(39)));
    }
}
