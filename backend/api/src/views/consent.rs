//! What consent looks like on the wire: the comprehension check, invitations, receipts and the
//! cohort preview.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use kindred_app::research::consent::{Cohort, Invitation, Receipt};
use kindred_db::models::study::{ComprehensionCheck, ConsentEvent};
use kindred_domain::consent::{CohortCount, ConsentEventKind, QUESTIONS};
use kindred_domain::study::Category;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One answer option.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckOption {
    /// Id to send back.
    pub id: String,
    /// Text.
    pub text: String,
}

/// One question.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckQuestion {
    /// Id (the key in `answers`).
    pub id: String,
    /// The question.
    pub text: String,
    /// Its options.
    pub options: Vec<CheckOption>,
}

/// The comprehension check and whether I passed it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComprehensionCheckResponse {
    /// The questions.
    pub questions: Vec<CheckQuestion>,
    /// When I passed it (null: not yet).
    pub passed_at: Option<DateTime<Utc>>,
}

impl ComprehensionCheckResponse {
    /// The questions with my result.
    pub fn new(passed: Option<&ComprehensionCheck>) -> Self {
        Self {
            questions: QUESTIONS
                .iter()
                .map(|q| CheckQuestion {
                    id: q.id.into(),
                    text: q.text.into(),
                    options: q
                        .options
                        .iter()
                        .map(|(id, text)| CheckOption { id: (*id).into(), text: (*text).into() })
                        .collect(),
                })
                .collect(),
            passed_at: passed.map(|p| p.passed_at.and_utc()),
        }
    }
}

/// My answers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComprehensionAnswers {
    /// Question id → option id.
    pub answers: BTreeMap<String, String>,
}

/// A requested category as a patient reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestedCategory {
    /// `demographics`, `conditions`, `questionnaire:<slug>`, `measurement:<slug>`.
    pub category: String,
    /// In plain words.
    pub label: String,
    /// Why the study needs it.
    pub reason: String,
}

/// My consent to a study as a receipt: what I agreed to, when, and how to withdraw.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentReceipt {
    /// Receipt id (the consent event).
    pub receipt_id: String,
    /// The study.
    pub study_id: String,
    /// Its title.
    pub study_title: String,
    /// The institution running it.
    pub institution: String,
    /// `granted` or `withdrawn`.
    pub kind: ConsentEventKind,
    /// The consent version (a change of categories is a new version).
    pub version: i32,
    /// The categories granted (empty for a withdrawal).
    pub categories: Vec<String>,
    /// SHA-256 of the consent text agreed to.
    pub consent_sha256: String,
    /// When.
    pub at: DateTime<Utc>,
    /// How to withdraw.
    pub how_to_withdraw: String,
}

impl ConsentReceipt {
    /// A receipt for `e`.
    pub fn new(e: &ConsentEvent, study_title: &str, institution: &str) -> Self {
        Self {
            receipt_id: e.id.clone(),
            study_id: e.study_id.clone(),
            study_title: study_title.into(),
            institution: institution.into(),
            kind: ConsentEventKind::parse(&e.kind).unwrap_or(ConsentEventKind::Withdrawn),
            version: e.version,
            categories: e.category_list(),
            consent_sha256: e.consent_sha256.clone(),
            at: e.created_at.and_utc(),
            how_to_withdraw: format!(
                "In your privacy centre, or DELETE /api/v1/studies/{}/consent. Withdrawing stops \
                 every future export; it cannot recall copies already delivered.",
                e.study_id
            ),
        }
    }
}

impl From<&Receipt> for ConsentReceipt {
    fn from(r: &Receipt) -> Self {
        ConsentReceipt::new(&r.event, &r.study_title, &r.institution)
    }
}

/// A study I am invited to.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationResponse {
    /// The study.
    pub study_id: String,
    /// Title.
    pub title: String,
    /// What it is about, in plain language.
    pub lay_summary: String,
    /// The institution running it.
    pub institution: String,
    /// What it asks for, each with its reason.
    pub categories: Vec<RequestedCategory>,
    /// Data window, first day.
    pub data_from: NaiveDate,
    /// Data window, last day.
    pub data_to: NaiveDate,
    /// The study's last day.
    pub ends_on: NaiveDate,
    /// The text I agree to.
    pub consent_text: String,
    /// Its SHA-256: send it back with a consent.
    pub consent_sha256: String,
    /// My latest consent event for it (null: never consented).
    pub my_consent: Option<ConsentReceipt>,
}

impl From<&Invitation> for InvitationResponse {
    fn from(i: &Invitation) -> Self {
        let s = &i.study;
        Self {
            study_id: s.id.clone(),
            title: s.title.clone(),
            lay_summary: s.lay_summary.clone(),
            institution: i.institution.clone(),
            categories: i
                .categories
                .iter()
                .map(|(c, reason)| RequestedCategory {
                    label: Category::parse(c).map(|x| x.label()).unwrap_or_else(|| c.clone()),
                    category: c.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            data_from: s.data_from,
            data_to: s.data_to,
            ends_on: s.ends_on,
            consent_text: s.consent_text.clone().unwrap_or_default(),
            consent_sha256: s.consent_sha256.clone().unwrap_or_default(),
            my_consent: i.mine.as_ref().map(|e| ConsentReceipt::new(e, &s.title, &i.institution)),
        }
    }
}

/// My invitations.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationList {
    /// Newest approval first.
    pub items: Vec<InvitationResponse>,
}

/// My consent events, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentList {
    /// Current and past.
    pub items: Vec<ConsentReceipt>,
}

/// A consent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    /// The categories I share: a non-empty subset of what the study asks for.
    #[schema(min_items = 1)]
    pub categories: Vec<String>,
    /// SHA-256 of the consent text I read (from the invitation).
    #[schema(pattern = "^[0-9a-fA-F]{64}$")]
    pub consent_text_sha256: String,
}

/// A count a researcher may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountResponse {
    /// `0`, `fewer than k` or `at least m`.
    pub label: String,
    /// The lower bound shown (null for "fewer than k").
    pub at_least: Option<i64>,
    /// Whether the count is hidden as "fewer than k".
    pub suppressed: bool,
}

impl From<CohortCount> for CountResponse {
    fn from(c: CohortCount) -> Self {
        let (at_least, suppressed) = match c {
            CohortCount::Zero => (Some(0), false),
            CohortCount::FewerThan(_) => (None, true),
            CohortCount::AtLeast(m) => (Some(m), false),
        };
        Self { label: c.label(), at_least, suppressed }
    }
}

/// A category's consenting count.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryCount {
    /// The category.
    pub category: String,
    /// Members whose active consent grants it.
    pub consenting: CountResponse,
}

/// A study's cohort preview. Counts below k are "fewer than k"; others are rounded down to a
/// multiple of k, so no two answers reveal a group smaller than k.
#[derive(Debug, Serialize, ToSchema)]
pub struct CohortResponse {
    /// The study's minimum cohort size.
    pub k: i64,
    /// Eligible members.
    pub eligible: CountResponse,
    /// Members with an active consent.
    pub consenting: CountResponse,
    /// Per requested category.
    pub categories: Vec<CategoryCount>,
}

impl From<&Cohort> for CohortResponse {
    fn from(c: &Cohort) -> Self {
        Self {
            k: c.k,
            eligible: c.eligible.into(),
            consenting: c.consenting.into(),
            categories: c
                .categories
                .iter()
                .map(|(cat, n)| CategoryCount { category: cat.clone(), consenting: (*n).into() })
                .collect(),
        }
    }
}
