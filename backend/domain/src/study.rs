//! Research studies (DESIGN §6.6): their states, what a study may request, the checks on what
//! a researcher writes, and the consent text a member agrees to.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::FieldError;

text_enum! {
    /// Where a study stands. `draft` and `rejected` may be edited; `submitted` and `approved`
    /// are frozen (a change means a new submission); `closed` is final.
    StudyStatus {
        /// Being written by its researchers.
        Draft = "draft",
        /// Waiting for an admin's review.
        Submitted = "submitted",
        /// Approved: members may be invited and consent; exports may run.
        Approved = "approved",
        /// Rejected with a reason; may be edited and submitted again.
        Rejected = "rejected",
        /// Past its end date: no consent, no export.
        Closed = "closed",
    }
}

impl StudyStatus {
    /// Whether the researchers may change it.
    pub fn editable(self) -> bool {
        matches!(self, StudyStatus::Draft | StudyStatus::Rejected)
    }
}

text_enum! {
    /// How an approved study's exports give dates.
    DateMode {
        /// Whole days since the participant's first data point in the window.
        Relative = "relative",
        /// Timestamps (only when the reviewing admin allowed it).
        Absolute = "absolute",
    }
}

/// The lowest minimum cohort size a deployment may configure.
pub const MIN_COHORT_FLOOR: i32 = 5;
/// The platform's minimum cohort size unless configured otherwise.
pub const DEFAULT_MIN_COHORT: i32 = 11;
/// The largest minimum cohort size a study may ask for.
pub const MAX_COHORT: i32 = 100_000;
/// Categories one study may request.
pub const MAX_CATEGORIES: usize = 40;
/// Conditions plus communities in one study's eligibility.
pub const MAX_ELIGIBILITY: usize = 20;

/// A data category a study may request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Category {
    /// Age band (5 years, 90+ pooled) and country.
    Demographics,
    /// The member's conditions (and diagnosis years).
    Conditions,
    /// Responses to one questionnaire, by slug.
    Questionnaire(String),
    /// Measurements of one type, by slug.
    Measurement(String),
}

impl Category {
    /// Parses `demographics`, `conditions`, `questionnaire:<slug>` or `measurement:<slug>`
    /// (the slug's existence is the caller's check).
    pub fn parse(raw: &str) -> Option<Category> {
        let slug_ok = |s: &str| {
            (1..=64).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b))
        };
        match raw {
            "demographics" => Some(Category::Demographics),
            "conditions" => Some(Category::Conditions),
            _ => match raw.split_once(':') {
                Some(("questionnaire", s)) if slug_ok(s) => Some(Category::Questionnaire(s.into())),
                Some(("measurement", s)) if slug_ok(s) => Some(Category::Measurement(s.into())),
                _ => None,
            },
        }
    }

    /// The stored / wire form.
    pub fn as_string(&self) -> String {
        match self {
            Category::Demographics => "demographics".into(),
            Category::Conditions => "conditions".into(),
            Category::Questionnaire(s) => format!("questionnaire:{s}"),
            Category::Measurement(s) => format!("measurement:{s}"),
        }
    }

    /// How a member reads it.
    pub fn label(&self) -> String {
        match self {
            Category::Demographics => "Your age band (5 years) and country".into(),
            Category::Conditions => "Your conditions and the years they were diagnosed".into(),
            Category::Questionnaire(s) => format!("Your answers to the {s} questionnaire"),
            Category::Measurement(s) => format!("Your {} measurements", s.replace('_', " ")),
        }
    }
}

/// A text field of a study: trimmed, `min`–`max` characters, on one line when `one_line`.
pub fn parse_text(
    field: &str,
    raw: &str,
    min: usize,
    max: usize,
    one_line: bool,
) -> Result<String, FieldError> {
    let s = raw.trim();
    let n = s.chars().count();
    if n < min {
        return Err(FieldError::new(field, "too_short", format!("Use at least {min} characters.")));
    }
    if n > max {
        return Err(FieldError::new(field, "too_long", format!("At most {max} characters.")));
    }
    let bad = |c: char| if one_line { c.is_control() } else { c.is_control() && c != '\n' };
    if s.chars().any(bad) {
        let msg = if one_line { "Keep it on one line." } else { "Remove control characters." };
        return Err(FieldError::new(field, "invalid_character", msg));
    }
    Ok(s.to_string())
}

/// The title (3–200 characters, one line).
pub fn parse_title(raw: &str) -> Result<String, FieldError> {
    parse_text("title", raw, 3, 200, true)
}

/// The lay summary patients read (40–2,000 characters).
pub fn parse_lay_summary(raw: &str) -> Result<String, FieldError> {
    parse_text("lay_summary", raw, 40, 2_000, false)
}

/// The scientific purpose (20–4,000 characters).
pub fn parse_purpose(raw: &str) -> Result<String, FieldError> {
    parse_text("purpose", raw, 20, 4_000, false)
}

/// The ethics committee / IRB reference (2–100 characters, one line).
pub fn parse_ethics_reference(raw: &str) -> Result<String, FieldError> {
    parse_text("ethics_reference", raw, 2, 100, true)
}

/// The requested categories, each with its reason: not empty, at most [`MAX_CATEGORIES`], no
/// category twice, every reason 5–200 characters on one line.
pub fn parse_categories(raw: &[(String, String)]) -> Result<Vec<(Category, String)>, FieldError> {
    if raw.is_empty() {
        return Err(FieldError::new("categories", "required", "Request at least one category."));
    }
    if raw.len() > MAX_CATEGORIES {
        return Err(FieldError::new(
            "categories",
            "too_many",
            format!("At most {MAX_CATEGORIES} categories."),
        ));
    }
    let mut out: Vec<(Category, String)> = Vec::with_capacity(raw.len());
    for (i, (cat, reason)) in raw.iter().enumerate() {
        let c = Category::parse(cat.trim()).ok_or_else(|| {
            FieldError::new(
                format!("categories[{i}].category"),
                "unknown_category",
                "Use demographics, conditions, questionnaire:<slug> or measurement:<slug>.",
            )
        })?;
        if out.iter().any(|(o, _)| *o == c) {
            return Err(FieldError::new(
                format!("categories[{i}].category"),
                "duplicate",
                "Each category once.",
            ));
        }
        let reason = parse_text(&format!("categories[{i}].reason"), reason, 5, 200, true)?;
        out.push((c, reason));
    }
    Ok(out)
}

/// The data window and the end date: `data_from` ≤ `data_to`, and the study does not end
/// before its window starts.
pub fn check_dates(
    data_from: NaiveDate,
    data_to: NaiveDate,
    ends_on: NaiveDate,
) -> Result<(), FieldError> {
    if data_from > data_to {
        return Err(FieldError::new(
            "data_to",
            "before_start",
            "The data window must end on or after its first day.",
        ));
    }
    if ends_on < data_from {
        return Err(FieldError::new(
            "ends_on",
            "before_start",
            "The study cannot end before its data window starts.",
        ));
    }
    Ok(())
}

/// The minimum cohort size k: at least the platform's minimum, at most [`MAX_COHORT`].
pub fn check_min_cohort(k: i32, platform_min: i32) -> Result<i32, FieldError> {
    if k < platform_min {
        return Err(FieldError::new(
            "min_cohort",
            "below_platform_minimum",
            format!("This platform needs at least {platform_min} participants per study."),
        ));
    }
    if k > MAX_COHORT {
        return Err(FieldError::new("min_cohort", "too_large", format!("At most {MAX_COHORT}.")));
    }
    Ok(k)
}

/// What a study tells a member before consent, fixed when an admin approves it.
#[derive(Debug, Clone)]
pub struct ConsentTerms<'a> {
    /// Title.
    pub title: &'a str,
    /// Institution of the study's owner.
    pub institution: &'a str,
    /// Ethics reference.
    pub ethics_reference: &'a str,
    /// Lay summary.
    pub lay_summary: &'a str,
    /// Requested categories and their reasons.
    pub categories: &'a [(Category, String)],
    /// Data window.
    pub data_from: NaiveDate,
    /// Data window's last day.
    pub data_to: NaiveDate,
    /// End date.
    pub ends_on: NaiveDate,
    /// Minimum cohort size.
    pub min_cohort: i32,
    /// How dates are exported.
    pub date_mode: DateMode,
}

/// The consent text for `t`, in plain language.
pub fn consent_text(t: &ConsentTerms<'_>) -> String {
    let mut s = format!(
        "Study: {}\nRun by: {}\nEthics approval: {}\n\nWhat the study is about:\n{}\n\n\
         What you share if you agree — only the categories you choose among these, each with \
         the researchers' reason:\n",
        t.title, t.institution, t.ethics_reference, t.lay_summary
    );
    for (c, reason) in t.categories {
        s.push_str(&format!("- {} ({}): {}\n", c.label(), c.as_string(), reason));
    }
    let dates = match t.date_mode {
        DateMode::Relative => "Dates are given as days counted from your first shared record, never as calendar dates.",
        DateMode::Absolute => "Dates are given as they were recorded (the reviewers allowed this for this study).",
    };
    s.push_str(&format!(
        "\nOnly what you recorded between {} and {} is shared.\n\n\
         How it is shared: de-identified. The researchers get a random code that stands for you \
         in this study only — never your name, email address, handle, exact birth date, notes, \
         written answers or posts. Your age is given as a 5-year band and your location as your \
         country only. {dates} A category is only shared when at least {} members share it.\n\n\
         Withdrawing: you can withdraw at any time, in one click, from your privacy centre. \
         Withdrawing stops every future export; it cannot recall copies the researchers already \
         received. Kindred shows you every export that included you.\n\n\
         The study ends on {}.\n",
        t.data_from, t.data_to, t.min_cohort, t.ends_on
    ));
    s
}

/// The SHA-256 of a consent text, lower-case hex.
pub fn consent_sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn categories_parse_and_print_back() {
        for s in ["demographics", "conditions", "questionnaire:phq-9", "measurement:blood_pressure"]
        {
            assert_eq!(Category::parse(s).map(|c| c.as_string()).as_deref(), Some(s));
        }
        for bad in
            ["", "everything", "questionnaire:", "measurement:Blood", "questionnaire:a b", "x:y"]
        {
            assert!(Category::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn category_lists_are_checked() {
        let pair = |c: &str, r: &str| (c.to_string(), r.to_string());
        assert!(parse_categories(&[]).is_err());
        let dup = parse_categories(&[pair("conditions", "Because."), pair("conditions", "Again.")]);
        assert_eq!(dup.unwrap_err().code, "duplicate");
        assert_eq!(parse_categories(&[pair("conditions", "no")]).unwrap_err().code, "too_short");
        assert_eq!(
            parse_categories(&[pair("bogus", "Because.")]).unwrap_err().field,
            "categories[0].category"
        );
        assert_eq!(parse_categories(&[pair("demographics", "Age matters.")]).unwrap().len(), 1);
    }

    #[test]
    fn dates_and_cohort_sizes() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(check_dates(d("2026-01-01"), d("2026-12-31"), d("2027-06-30")).is_ok());
        assert!(check_dates(d("2026-02-01"), d("2026-01-01"), d("2027-06-30")).is_err());
        assert!(check_dates(d("2026-02-01"), d("2026-03-01"), d("2026-01-01")).is_err());
        assert_eq!(check_min_cohort(10, 11).unwrap_err().code, "below_platform_minimum");
        assert_eq!(check_min_cohort(11, 11), Ok(11));
        assert!(check_min_cohort(MAX_COHORT + 1, 11).is_err());
    }

    #[test]
    fn the_consent_text_names_each_category_and_how_to_withdraw() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cats = vec![(Category::Measurement("peak_flow".into()), "Airway change.".into())];
        let t = ConsentTerms {
            title: "Pollen and peak flow",
            institution: "University of Somewhere",
            ethics_reference: "IRB-2026-17",
            lay_summary: "We look at how pollen changes breathing.",
            categories: &cats,
            data_from: d("2026-01-01"),
            data_to: d("2026-12-31"),
            ends_on: d("2027-06-30"),
            min_cohort: 11,
            date_mode: DateMode::Relative,
        };
        let text = consent_text(&t);
        for part in
            ["peak flow measurements", "Airway change.", "withdraw", "2026-01-01", "at least 11"]
        {
            assert!(text.contains(part), "{part} in {text}");
        }
        assert_eq!(consent_sha256(&text).len(), 64);
        assert_ne!(consent_sha256(&text), consent_sha256(&(text.clone() + " ")));
    }
}
