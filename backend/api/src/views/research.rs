//! What research looks like on the wire: researcher applications and studies.

use chrono::{DateTime, NaiveDate, Utc};
use kindred_app::research::studies::StudyDetail;
use kindred_db::models::research::ResearcherApplication;
use kindred_db::models::study::Study;
use kindred_db::DbError;
use kindred_domain::research::ApplicationStatus;
use kindred_domain::study::{DateMode, StudyStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A researcher application.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResponse {
    /// Id.
    pub id: String,
    /// The applicant's user id.
    pub user_id: String,
    /// Institution.
    pub institution: String,
    /// Position there.
    pub title: String,
    /// An address at the institution.
    pub institutional_email: String,
    /// What they research and why they need the data.
    pub statement: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub status: ApplicationStatus,
    /// The reviewer's reason (rejections).
    pub reason: Option<String>,
    /// When decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Filed.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&ResearcherApplication> for ApplicationResponse {
    type Error = DbError;
    fn try_from(a: &ResearcherApplication) -> Result<Self, DbError> {
        Ok(Self {
            id: a.id.clone(),
            user_id: a.user_id.clone(),
            institution: a.institution.clone(),
            title: a.title.clone(),
            institutional_email: a.institutional_email.clone(),
            statement: a.statement.clone(),
            orcid: a.orcid.clone(),
            status: a.status()?,
            reason: a.reason.clone(),
            decided_at: a.decided_at.map(|t| t.and_utc()),
            created_at: a.created_at.and_utc(),
        })
    }
}

/// A requested data category and why, as sent and as shown.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryItem {
    /// `demographics`, `conditions`, `questionnaire:<slug>` or `measurement:<slug>`.
    #[schema(schema_with = crate::fields::category)]
    pub category: String,
    /// Why the study needs it, one line (5–200 characters), shown to patients.
    #[schema(schema_with = crate::fields::category_reason)]
    pub reason: String,
}

/// Changes to a study draft (`PATCH`: only the fields sent change).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StudyRequest {
    /// Title (3–200 characters).
    #[schema(schema_with = crate::fields::study_title_or_null)]
    pub title: Option<String>,
    /// What a patient reads before consenting (40–2,000 characters).
    #[schema(schema_with = crate::fields::lay_summary_or_null)]
    pub lay_summary: Option<String>,
    /// Scientific purpose (20–4,000 characters).
    #[schema(schema_with = crate::fields::purpose_or_null)]
    pub purpose: Option<String>,
    /// Ethics committee / IRB reference.
    #[schema(schema_with = crate::fields::ethics_reference_or_null)]
    pub ethics_reference: Option<String>,
    /// First day of the data window (`YYYY-MM-DD`).
    pub data_from: Option<NaiveDate>,
    /// Last day of the data window.
    pub data_to: Option<NaiveDate>,
    /// The study's last day; it closes after it.
    pub ends_on: Option<NaiveDate>,
    /// Minimum cohort size k (default and lowest: the platform minimum).
    #[schema(minimum = 5, maximum = 100000)]
    pub min_cohort: Option<i32>,
    /// Requested categories, each with its reason (1–40).
    #[schema(min_items = 1, max_items = 40)]
    pub categories: Option<Vec<CategoryItem>>,
    /// Members with one of these conditions (slugs) are eligible …
    #[schema(max_items = 20)]
    pub conditions: Option<Vec<String>>,
    /// … or members of one of these communities (slugs).
    #[schema(max_items = 20)]
    pub communities: Option<Vec<String>>,
}

/// A new study: every field but `min_cohort` is required, and `conditions` or `communities`
/// (or both) name who is eligible. The body of `POST /studies` as the document describes it;
/// the handler reads it as a [`StudyRequest`] (see there).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct NewStudyRequest {
    /// Title (3–200 characters).
    #[schema(schema_with = crate::fields::study_title)]
    pub title: String,
    /// What a patient reads before consenting (40–2,000 characters).
    #[schema(schema_with = crate::fields::lay_summary)]
    pub lay_summary: String,
    /// Scientific purpose (20–4,000 characters).
    #[schema(schema_with = crate::fields::purpose)]
    pub purpose: String,
    /// Ethics committee / IRB reference.
    #[schema(schema_with = crate::fields::ethics_reference)]
    pub ethics_reference: String,
    /// First day of the data window (`YYYY-MM-DD`).
    pub data_from: NaiveDate,
    /// Last day of the data window.
    pub data_to: NaiveDate,
    /// The study's last day; it closes after it.
    pub ends_on: NaiveDate,
    /// Minimum cohort size k (default and lowest: the platform minimum).
    #[schema(minimum = 5, maximum = 100000)]
    pub min_cohort: Option<i32>,
    /// Requested categories, each with its reason (1–40).
    #[schema(min_items = 1, max_items = 40)]
    pub categories: Vec<CategoryItem>,
    /// Members with one of these conditions (slugs) are eligible …
    #[schema(max_items = 20)]
    pub conditions: Option<Vec<String>>,
    /// … or members of one of these communities (slugs).
    #[schema(max_items = 20)]
    pub communities: Option<Vec<String>>,
}

/// One condition or community whose members are eligible.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibleResponse {
    /// `condition` or `community`.
    pub kind: String,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
}

/// A researcher of a study.
#[derive(Debug, Serialize, ToSchema)]
pub struct StudyMemberResponse {
    /// User id.
    pub user_id: String,
    /// Handle.
    pub handle: String,
    /// Whether they own the study.
    pub owner: bool,
    /// When added.
    pub added_at: DateTime<Utc>,
}

/// A study as its researchers and admins see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StudyResponse {
    /// Id.
    pub id: String,
    /// The owner's user id.
    pub owner_id: String,
    /// Title.
    pub title: String,
    /// Lay summary.
    pub lay_summary: String,
    /// Purpose.
    pub purpose: String,
    /// Ethics reference.
    pub ethics_reference: String,
    /// Data window, first day.
    pub data_from: NaiveDate,
    /// Data window, last day.
    pub data_to: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Minimum cohort size k.
    pub min_cohort: i32,
    /// Where it stands.
    pub status: StudyStatus,
    /// How exports give dates (set on approval).
    pub date_mode: Option<DateMode>,
    /// The reviewer's reason (rejection) or note (approval).
    pub review_reason: Option<String>,
    /// When reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// When last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// The text members consent to (fixed on approval).
    pub consent_text: Option<String>,
    /// Its SHA-256.
    pub consent_sha256: Option<String>,
    /// Requested categories in order.
    pub categories: Vec<CategoryItem>,
    /// Who is eligible.
    pub eligibility: Vec<EligibleResponse>,
    /// Its researchers.
    pub members: Vec<StudyMemberResponse>,
    /// Drafted.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<&StudyDetail> for StudyResponse {
    type Error = DbError;
    fn try_from(d: &StudyDetail) -> Result<Self, DbError> {
        let s = &d.study;
        Ok(Self {
            categories: d
                .categories
                .iter()
                .map(|c| CategoryItem { category: c.category.clone(), reason: c.reason.clone() })
                .collect(),
            eligibility: d
                .eligibility
                .iter()
                .map(|e| EligibleResponse {
                    kind: e.kind.clone(),
                    slug: e.slug.clone(),
                    name: e.name.clone(),
                })
                .collect(),
            members: d
                .members
                .iter()
                .map(|(m, handle)| StudyMemberResponse {
                    owner: m.user_id == s.owner_id,
                    user_id: m.user_id.clone(),
                    handle: handle.clone(),
                    added_at: m.added_at.and_utc(),
                })
                .collect(),
            ..StudyResponse::summary(s)?
        })
    }
}

impl StudyResponse {
    /// The study without its lists (pages of studies).
    pub fn summary(s: &Study) -> Result<Self, DbError> {
        Ok(Self {
            id: s.id.clone(),
            owner_id: s.owner_id.clone(),
            title: s.title.clone(),
            lay_summary: s.lay_summary.clone(),
            purpose: s.purpose.clone(),
            ethics_reference: s.ethics_reference.clone(),
            data_from: s.data_from,
            data_to: s.data_to,
            ends_on: s.ends_on,
            min_cohort: s.min_cohort,
            status: s.status()?,
            date_mode: s.date_mode()?,
            review_reason: s.review_reason.clone(),
            reviewed_at: s.reviewed_at.map(|t| t.and_utc()),
            submitted_at: s.submitted_at.map(|t| t.and_utc()),
            closed_at: s.closed_at.map(|t| t.and_utc()),
            consent_text: s.consent_text.clone(),
            consent_sha256: s.consent_sha256.clone(),
            categories: Vec::new(),
            eligibility: Vec::new(),
            members: Vec::new(),
            created_at: s.created_at.and_utc(),
            updated_at: s.updated_at.and_utc(),
        })
    }
}

/// A page of studies (lists are empty in pages; `GET /studies/{id}` has them).
#[derive(Debug, Serialize, ToSchema)]
pub struct StudyList {
    /// Admins: oldest first; researchers: newest first.
    pub items: Vec<StudyResponse>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
}

/// An admin's approval.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StudyApproveRequest {
    /// How exports give dates: `relative` (day offsets) or `absolute` (timestamps).
    pub date_mode: DateMode,
    /// An optional note to the researchers (1–2,000 characters).
    #[serde(default)]
    #[schema(schema_with = crate::fields::reason_or_null)]
    pub note: Option<String>,
}

/// A researcher to add to a study.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StudyMemberRequest {
    /// Their handle.
    #[schema(schema_with = crate::fields::handle)]
    pub handle: String,
}
