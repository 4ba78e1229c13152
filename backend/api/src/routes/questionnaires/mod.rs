//! Outcome questionnaires: catalog, admin authoring (drafts → published → retired),
//! responses scored server-side, history, score series and the due list.

pub mod create;
pub mod due;
pub mod get;
pub mod list;
pub mod respond;
pub mod responses_csv;
pub mod responses_get;
pub mod responses_list;
pub mod scores;
pub mod version_create;
pub mod version_publish;
pub mod version_retire;
pub mod version_update;
pub mod versions_list;

use chrono::{DateTime, Utc};
use kindred_db::models::questionnaire::{Questionnaire, QuestionnaireVersion};
use kindred_domain::questionnaire::Definition;
use kindred_domain::questionnaire::VersionStatus;
use serde::Serialize;
use utoipa::ToSchema;

use crate::ApiError;

area! {
    list::handler,
    create::handler,
    get::handler,
    versions_list::handler,
    version_create::handler,
    version_update::handler,
    version_publish::handler,
    version_retire::handler,
    respond::handler,
    due::handler,
    scores::handler,
    responses_csv::handler,
    responses_list::handler,
    responses_get::handler,
}

/// A questionnaire in the catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireSummary {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Plain-language description.
    pub description: String,
    /// Licence / source note.
    pub licence: String,
    /// LOINC code of the panel.
    pub loinc_panel: Option<String>,
    /// LOINC code of the total score.
    pub loinc_total: Option<String>,
    /// Recommended days between responses.
    pub recommended_interval_days: i32,
    /// The newest published version (answer this one), if any.
    pub current_version: Option<i32>,
}

/// A version's status and definition.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    /// Version number.
    pub version: i32,
    /// `draft`, `published` or `retired`.
    pub status: VersionStatus,
    /// When published.
    pub published_at: Option<DateTime<Utc>>,
    /// The definition.
    pub definition: Definition,
}

/// Builds the catalog entry.
pub fn summary(
    q: &Questionnaire,
    versions: &[QuestionnaireVersion],
) -> Result<QuestionnaireSummary, ApiError> {
    let current_version =
        kindred_app::questionnaires::published(versions)?.iter().map(|v| v.version).max();
    Ok(QuestionnaireSummary {
        slug: q.slug.clone(),
        title: q.title.clone(),
        description: q.description.clone(),
        licence: q.licence.clone(),
        loinc_panel: q.loinc_panel.clone(),
        loinc_total: q.loinc_total.clone(),
        recommended_interval_days: q.recommended_interval_days,
        current_version,
    })
}

/// A version as shown.
pub fn version_view(v: &QuestionnaireVersion) -> Result<VersionView, ApiError> {
    Ok(VersionView {
        version: v.version,
        status: v.status()?,
        published_at: v.published_at.map(|t| t.and_utc()),
        definition: kindred_app::questionnaires::definition(v)?,
    })
}
