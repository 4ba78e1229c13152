//! Rows of studies: the study, its researchers, its eligibility and its categories.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kindred_domain::study::{DateMode, StudyStatus};

use crate::error::typed;
use crate::schema::{studies, study_categories, study_eligibility, study_members};
use crate::DbError;

/// A study.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = studies, treat_none_as_null = true)]
pub struct Study {
    /// Id.
    pub id: String,
    /// The researcher who drafted it.
    pub owner_id: String,
    /// Title.
    pub title: String,
    /// What a patient reads.
    pub lay_summary: String,
    /// Scientific purpose.
    pub purpose: String,
    /// Ethics / IRB reference.
    pub ethics_reference: String,
    /// Data window, first day.
    pub data_from: NaiveDate,
    /// Data window, last day.
    pub data_to: NaiveDate,
    /// Last day of the study.
    pub ends_on: NaiveDate,
    /// Minimum cohort size k.
    pub min_cohort: i32,
    /// See [`StudyStatus`].
    pub status: String,
    /// See [`DateMode`] (set on approval).
    pub date_mode: Option<String>,
    /// The reviewer's reason (rejections; optional on approval).
    pub review_reason: Option<String>,
    /// The reviewing admin.
    pub reviewed_by: Option<String>,
    /// When reviewed.
    pub reviewed_at: Option<NaiveDateTime>,
    /// When last submitted.
    pub submitted_at: Option<NaiveDateTime>,
    /// When closed.
    pub closed_at: Option<NaiveDateTime>,
    /// The consent text (fixed on approval).
    pub consent_text: Option<String>,
    /// Its SHA-256, hex.
    pub consent_sha256: Option<String>,
    /// Drafted.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl Study {
    /// Where it stands.
    pub fn status(&self) -> Result<StudyStatus, DbError> {
        typed(StudyStatus::parse, "studies", &self.id, "status", &self.status)
    }

    /// How its exports give dates (approved studies).
    pub fn date_mode(&self) -> Result<Option<DateMode>, DbError> {
        self.date_mode
            .as_deref()
            .map(|m| typed(DateMode::parse, "studies", &self.id, "date_mode", m))
            .transpose()
    }
}

/// A researcher of a study.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = study_members)]
pub struct StudyMember {
    /// The study.
    pub study_id: String,
    /// The researcher.
    pub user_id: String,
    /// When added.
    pub added_at: NaiveDateTime,
}

/// One condition or community whose members are eligible.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = study_eligibility)]
pub struct StudyEligibility {
    /// The study.
    pub study_id: String,
    /// `condition` or `community`.
    pub kind: String,
    /// The condition's or community's id.
    pub ref_id: String,
}

/// A requested category.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = study_categories)]
pub struct StudyCategory {
    /// The study.
    pub study_id: String,
    /// `demographics`, `conditions`, `questionnaire:<slug>`, `measurement:<slug>`.
    pub category: String,
    /// Why, in one line, for patients.
    pub reason: String,
    /// Order as the researcher gave them.
    pub position: i32,
}

/// A passed comprehension check.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::comprehension_checks)]
pub struct ComprehensionCheck {
    /// The member.
    pub user_id: String,
    /// The check's version.
    pub version: i32,
    /// When passed.
    pub passed_at: NaiveDateTime,
}

/// A consent event (append-only).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::consent_events)]
pub struct ConsentEvent {
    /// Id (the receipt id of a grant).
    pub id: String,
    /// The study.
    pub study_id: String,
    /// The member.
    pub user_id: String,
    /// The event's number for this member and study.
    pub seq: i32,
    /// `granted` or `withdrawn`.
    pub kind: String,
    /// The consent version.
    pub version: i32,
    /// JSON array of categories.
    pub categories: String,
    /// SHA-256 of the consent text agreed to.
    pub consent_sha256: String,
    /// When.
    pub created_at: NaiveDateTime,
}

impl ConsentEvent {
    /// The categories granted.
    pub fn category_list(&self) -> Vec<String> {
        serde_json::from_str(&self.categories).unwrap_or_default()
    }

    /// Whether this event is a grant.
    pub fn granted(&self) -> bool {
        self.kind == "granted"
    }
}
