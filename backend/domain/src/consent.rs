//! Consent to research (DESIGN §6.6): the comprehension check a member passes before a first
//! consent, the categories a consent may grant, and how cohort counts are shown without
//! revealing small groups.

use std::collections::BTreeMap;

use crate::{FieldError, FieldErrors};

text_enum! {
    /// A consent event: a grant (a consent version with its categories) or a withdrawal.
    ConsentEventKind {
        /// Granted (or changed: a new version).
        Granted = "granted",
        /// Withdrawn.
        Withdrawn = "withdrawn",
    }
}

/// The comprehension check's version (a new version asks again).
pub const COMPREHENSION_VERSION: i32 = 1;

/// One question of the comprehension check.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    /// Stable id.
    pub id: &'static str,
    /// The question, in plain language.
    pub text: &'static str,
    /// (option id, text).
    pub options: &'static [(&'static str, &'static str)],
    /// The right option.
    pub answer: &'static str,
    /// Why, shown when the answer was wrong.
    pub explanation: &'static str,
}

/// The three questions: what is shared, that it is de-identified, what withdrawing does.
pub const QUESTIONS: &[Question] = &[
    Question {
        id: "what_is_shared",
        text: "If you agree to a study, what do its researchers receive?",
        options: &[
            ("chosen_categories", "Only the kinds of data I tick, for that study only"),
            ("everything", "Everything I ever recorded in Kindred"),
            ("posts", "My community posts and messages"),
        ],
        answer: "chosen_categories",
        explanation: "Each study gets only the categories you tick, and nothing else.",
    },
    Question {
        id: "identity",
        text: "How do researchers see you in the data?",
        options: &[
            ("random_code", "As a random code for that study; never my name, email or handle"),
            ("name", "By my name and email address"),
            ("handle", "By my Kindred handle"),
        ],
        answer: "random_code",
        explanation: "The data is de-identified: a random code stands for you in each study.",
    },
    Question {
        id: "withdrawing",
        text: "What happens if you withdraw your consent?",
        options: &[
            (
                "stops_future",
                "No future exports include me; copies already sent cannot be recalled",
            ),
            ("deletes_everything", "Every copy the researchers have is deleted"),
            ("nothing", "Nothing: once given, consent cannot be withdrawn"),
        ],
        answer: "stops_future",
        explanation: "Withdrawing stops every future export, but researchers keep what they \
                      already received.",
    },
];

/// Checks the answers: every question answered with its right option; otherwise one field
/// error per question (`answers.<id>`, `required` or `wrong_answer` with the explanation).
pub fn check_comprehension(answers: &BTreeMap<String, String>) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    for q in QUESTIONS {
        match answers.get(q.id).map(String::as_str) {
            None => errs.push(FieldError::new(
                format!("answers.{}", q.id),
                "required",
                "Answer this question.",
            )),
            Some(a) if a == q.answer => {}
            Some(_) => errs.push(FieldError::new(
                format!("answers.{}", q.id),
                "wrong_answer",
                q.explanation,
            )),
        }
    }
    for k in answers.keys() {
        if !QUESTIONS.iter().any(|q| q.id == k) {
            errs.push(FieldError::new(
                format!("answers.{k}"),
                "unknown_question",
                "No such question.",
            ));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// The categories a member grants: a non-empty subset of what the study requests, each once;
/// returned in the study's order.
pub fn parse_grant(requested: &[String], granted: &[String]) -> Result<Vec<String>, FieldError> {
    if granted.is_empty() {
        return Err(FieldError::new(
            "categories",
            "required",
            "Choose at least one kind of data to share, or do not consent.",
        ));
    }
    for (i, g) in granted.iter().enumerate() {
        if !requested.contains(g) {
            return Err(FieldError::new(
                format!("categories[{i}]"),
                "not_requested",
                "This study does not ask for that.",
            ));
        }
        if granted[..i].contains(g) {
            return Err(FieldError::new(format!("categories[{i}]"), "duplicate", "Each once."));
        }
    }
    Ok(requested.iter().filter(|r| granted.contains(r)).cloned().collect())
}

/// A count about members as a researcher may see it: zero; "fewer than k"; or "at least m",
/// m the count rounded down to a multiple of k. Every shown value stands for a band of k
/// possible counts, so no difference of two answers (overall minus a category, before and
/// after one consent) pins down a group smaller than k: the difference of two bands of width
/// k always spans at least k − 1 values apart from zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortCount {
    /// Nobody.
    Zero,
    /// 1 to k − 1.
    FewerThan(i64),
    /// At least this many (a multiple of k); the true count is below this plus k.
    AtLeast(i64),
}

impl CohortCount {
    /// The shown form of `n` members for a minimum of `k`.
    pub fn of(n: i64, k: i64) -> CohortCount {
        let k = k.max(1);
        if n <= 0 {
            CohortCount::Zero
        } else if n < k {
            CohortCount::FewerThan(k)
        } else {
            CohortCount::AtLeast(n / k * k)
        }
    }

    /// How a person reads it.
    pub fn label(self) -> String {
        match self {
            CohortCount::Zero => "0".into(),
            CohortCount::FewerThan(k) => format!("fewer than {k}"),
            CohortCount::AtLeast(m) => format!("at least {m}"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_right_answers_pass_and_wrong_ones_are_explained() {
        let right: BTreeMap<String, String> =
            QUESTIONS.iter().map(|q| (q.id.to_string(), q.answer.to_string())).collect();
        assert!(check_comprehension(&right).is_ok());
        let mut wrong = right.clone();
        wrong.insert("withdrawing".into(), "deletes_everything".into());
        let errs = check_comprehension(&wrong).unwrap_err();
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].code, "wrong_answer");
        assert!(errs.0[0].message.contains("keep what they already received"));
        let errs = check_comprehension(&BTreeMap::new()).unwrap_err();
        assert_eq!(errs.0.len(), QUESTIONS.len());
    }

    #[test]
    fn a_grant_is_a_subset_in_the_studys_order() {
        let req: Vec<String> = vec!["demographics".into(), "measurement:peak_flow".into()];
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_grant(&req, &g(&["measurement:peak_flow", "demographics"])).unwrap(), req);
        assert_eq!(parse_grant(&req, &g(&[])).unwrap_err().code, "required");
        assert_eq!(parse_grant(&req, &g(&["conditions"])).unwrap_err().code, "not_requested");
        assert_eq!(
            parse_grant(&req, &g(&["demographics", "demographics"])).unwrap_err().code,
            "duplicate"
        );
    }

    #[test]
    fn small_counts_are_hidden_and_differences_reveal_no_small_group() {
        assert_eq!(CohortCount::of(0, 11), CohortCount::Zero);
        assert_eq!(CohortCount::of(1, 11), CohortCount::FewerThan(11));
        assert_eq!(CohortCount::of(10, 11), CohortCount::FewerThan(11));
        assert_eq!(CohortCount::of(11, 11), CohortCount::AtLeast(11));
        assert_eq!(CohortCount::of(21, 11), CohortCount::AtLeast(11));
        assert_eq!(CohortCount::of(22, 11).label(), "at least 22");
        // Overall 12, a category 11: both "at least 11", so the one member who did not grant
        // it is not revealed.
        assert_eq!(CohortCount::of(12, 11), CohortCount::of(11, 11));
        // For every pair of true counts a ≥ b whose shown values differ, the shown values are
        // consistent with a difference of zero or of at least k … (exhaustive over a range)
        let k = 11;
        for a in 0..200i64 {
            for b in 0..=a {
                let band = |n: i64| match CohortCount::of(n, k) {
                    CohortCount::Zero => (0, 0),
                    CohortCount::FewerThan(_) => (1, k - 1),
                    CohortCount::AtLeast(m) => (m, m + k - 1),
                };
                let (alo, ahi) = band(a);
                let (blo, bhi) = band(b);
                // … the set of possible differences is never a single value in 1..k-1.
                let (dlo, dhi) = ((alo - bhi).max(0), ahi - blo);
                assert!(!(dlo == dhi && (1..k).contains(&dlo)), "a={a} b={b}");
            }
        }
    }
}
