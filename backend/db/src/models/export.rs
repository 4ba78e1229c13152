//! Rows of exports: the export, the study pseudonyms and the data-access log.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use kindred_domain::export::{ExportFormat, ExportStatus};

use crate::error::typed;
use crate::schema::{data_access, exports, study_pseudonyms};
use crate::DbError;

/// An export of a study.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = exports)]
pub struct Export {
    /// Id.
    pub id: String,
    /// The study.
    pub study_id: String,
    /// The researcher who asked for it.
    pub requested_by: String,
    /// `csv`, `ndjson` or `fhir`.
    pub format: String,
    /// `queued`, `running`, `ready`, `failed`, `expired`.
    pub status: String,
    /// Claims by a worker so far.
    pub attempts: i32,
    /// A running export is its worker's until then.
    pub lease_until: Option<NaiveDateTime>,
    /// Why it failed.
    pub error: Option<String>,
    /// SHA-256 of the zip.
    pub file_sha256: Option<String>,
    /// Size of the zip in bytes.
    pub size_bytes: Option<i64>,
    /// How many participants it holds.
    pub participants: Option<i32>,
    /// The manifest (JSON).
    pub manifest: Option<String>,
    /// When asked for.
    pub created_at: NaiveDateTime,
    /// When the latest attempt started.
    pub started_at: Option<NaiveDateTime>,
    /// When it became ready or failed.
    pub finished_at: Option<NaiveDateTime>,
    /// When its file is deleted.
    pub expires_at: Option<NaiveDateTime>,
    /// When its file was deleted.
    pub expired_at: Option<NaiveDateTime>,
}

impl Export {
    /// The status, typed.
    pub fn status(&self) -> Result<ExportStatus, DbError> {
        typed(ExportStatus::parse, "exports", &self.id, "status", &self.status)
    }

    /// The format, typed.
    pub fn format(&self) -> Result<ExportFormat, DbError> {
        typed(ExportFormat::parse, "exports", &self.id, "format", &self.format)
    }
}

/// A participant's pseudonym in a study.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = study_pseudonyms)]
pub struct StudyPseudonym {
    /// The study.
    pub study_id: String,
    /// The member.
    pub user_id: String,
    /// The pseudonym.
    pub pseudonym: String,
    /// When first used.
    pub created_at: NaiveDateTime,
}

/// One member in one export.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = data_access)]
pub struct DataAccess {
    /// The export.
    pub export_id: String,
    /// The member.
    pub user_id: String,
    /// The study.
    pub study_id: String,
    /// The consent (grant event) the export used.
    pub consent_event_id: String,
    /// Its version.
    pub consent_version: i32,
    /// JSON array of the member's categories the export holds.
    pub categories: String,
    /// Distinct days with data of the member in the export.
    pub days_of_data: i32,
    /// When the export became ready.
    pub created_at: NaiveDateTime,
}

impl DataAccess {
    /// The categories.
    pub fn category_list(&self) -> Vec<String> {
        serde_json::from_str(&self.categories).unwrap_or_default()
    }
}
