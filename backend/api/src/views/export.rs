//! What research exports and the data-access log look like on the wire.

use chrono::{DateTime, Utc};
use kindred_app::research::exports::Access;
use kindred_db::models::export::Export;
use kindred_db::DbError;
use kindred_domain::export::{ExportFormat, ExportStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /studies/{id}/exports`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// `csv`, `ndjson` or `fhir` (read as text so that the caller is authorized before an
    /// unknown format is refused with 422).
    #[schema(value_type = ExportFormat)]
    pub format: String,
}

/// An export: its status and, once ready, what it holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportResponse {
    /// Id.
    pub id: String,
    /// The study.
    pub study_id: String,
    /// The format.
    pub format: ExportFormat,
    /// Where it stands.
    pub status: ExportStatus,
    /// Why it failed (or why the last attempt did).
    pub error: Option<String>,
    /// Participants in it (once ready).
    pub participants: Option<i32>,
    /// Size of the zip in bytes.
    pub size_bytes: Option<i64>,
    /// SHA-256 of the zip.
    pub sha256: Option<String>,
    /// The manifest (`manifest.json` of the zip): study, consent snapshot by pseudonym, row
    /// counts, SHA-256 of each file, suppressed categories.
    #[schema(value_type = Option<Object>)]
    pub manifest: Option<serde_json::Value>,
    /// Where to download it (ready only).
    pub download_url: Option<String>,
    /// Asked for.
    pub created_at: DateTime<Utc>,
    /// Latest attempt started.
    pub started_at: Option<DateTime<Utc>>,
    /// Became ready or failed.
    pub finished_at: Option<DateTime<Utc>>,
    /// When the file is (or was to be) deleted.
    pub expires_at: Option<DateTime<Utc>>,
    /// When the file was deleted.
    pub expired_at: Option<DateTime<Utc>>,
}

impl ExportResponse {
    /// The export as sent; a stored value the code does not know is an error, never a default.
    pub fn of(e: &Export) -> Result<Self, DbError> {
        let manifest = match e.manifest.as_deref() {
            None => None,
            Some(m) => Some(serde_json::from_str(m).map_err(|err| DbError::Corrupt {
                table: "exports",
                id: e.id.clone(),
                column: "manifest",
                value: format!("not JSON: {err}"),
            })?),
        };
        let status = e.status()?;
        Ok(Self {
            id: e.id.clone(),
            study_id: e.study_id.clone(),
            format: e.format()?,
            status,
            error: e.error.clone(),
            participants: e.participants,
            size_bytes: e.size_bytes,
            sha256: e.file_sha256.clone(),
            manifest,
            download_url: (status == ExportStatus::Ready)
                .then(|| format!("/api/v1/exports/{}/download", e.id)),
            created_at: e.created_at.and_utc(),
            started_at: e.started_at.map(|t| t.and_utc()),
            finished_at: e.finished_at.map(|t| t.and_utc()),
            expires_at: e.expires_at.map(|t| t.and_utc()),
            expired_at: e.expired_at.map(|t| t.and_utc()),
        })
    }
}

/// A study's exports, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportList {
    /// The exports.
    pub items: Vec<ExportResponse>,
}

/// One export that included me.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataAccessEntry {
    /// The export.
    pub export_id: String,
    /// The study.
    pub study_id: String,
    /// Its title.
    pub study_title: String,
    /// The institution of its researcher.
    pub institution: String,
    /// My categories it received.
    pub categories: Vec<String>,
    /// How they read (`Your blood pressure measurements`).
    pub category_labels: Vec<String>,
    /// Days of my data it holds.
    pub days_of_data: i32,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// Whether its file has since been deleted (the researchers may still hold copies).
    pub expired: bool,
}

/// My data-access log, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataAccessList {
    /// Every export that included me.
    pub items: Vec<DataAccessEntry>,
}

impl From<Vec<Access>> for DataAccessList {
    fn from(rows: Vec<Access>) -> Self {
        let items = rows
            .into_iter()
            .map(|a| DataAccessEntry {
                category_labels: a
                    .categories
                    .iter()
                    .map(|c| {
                        kindred_domain::study::Category::parse(c)
                            .map_or_else(|| c.clone(), |x| x.label())
                    })
                    .collect(),
                export_id: a.export_id,
                study_id: a.study_id,
                study_title: a.study_title,
                institution: a.institution,
                categories: a.categories,
                days_of_data: a.days_of_data,
                exported_at: a.exported_at.and_utc(),
                expired: a.expired,
            })
            .collect();
        Self { items }
    }
}
