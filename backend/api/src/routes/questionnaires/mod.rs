//! Outcome questionnaires: catalog, admin authoring (drafts → published → retired),
//! responses scored server-side, history, score series and the due list.

pub mod create;
pub mod due;
pub mod get;
pub mod list;
pub mod respond;
pub mod responses_get;
pub mod responses_list;
pub mod scores;
pub mod version_create;
pub mod version_publish;
pub mod version_retire;
pub mod version_update;

use chrono::{DateTime, Utc};
use kindred_db::models::questionnaire::{Questionnaire, QuestionnaireVersion};
use kindred_db::queries::questionnaires;
use kindred_db::DbConn;
use kindred_domain::questionnaire::Definition;
use kindred_domain::questionnaire::VersionStatus;
use serde::Serialize;
use utoipa::ToSchema;

use crate::ApiError;

area! {
    list::handler,
    create::handler,
    get::handler,
    version_create::handler,
    version_update::handler,
    version_publish::handler,
    version_retire::handler,
    respond::handler,
    due::handler,
    scores::handler,
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
    let current_version = published(versions)?.iter().map(|v| v.version).max();
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

/// The published versions among `versions` (a status that does not parse is an error).
pub fn published(
    versions: &[QuestionnaireVersion],
) -> Result<Vec<&QuestionnaireVersion>, ApiError> {
    let mut out = Vec::new();
    for v in versions {
        if v.status()? == VersionStatus::Published {
            out.push(v);
        }
    }
    Ok(out)
}

/// Parses a stored definition.
pub fn definition(v: &QuestionnaireVersion) -> Result<Definition, ApiError> {
    serde_json::from_str(&v.definition).map_err(ApiError::internal)
}

/// A version as shown.
pub fn version_view(v: &QuestionnaireVersion) -> Result<VersionView, ApiError> {
    Ok(VersionView {
        version: v.version,
        status: v.status()?,
        published_at: v.published_at.map(|t| t.and_utc()),
        definition: definition(v)?,
    })
}

/// The questionnaire with this slug, or 404.
pub fn by_slug(c: &mut DbConn, slug: &str) -> Result<Questionnaire, ApiError> {
    questionnaires::find_by_slug(c, slug)?.ok_or(ApiError::NotFound)
}

/// One version of a questionnaire, or 404.
pub fn version_of(
    c: &mut DbConn,
    slug: &str,
    version: i32,
) -> Result<(Questionnaire, QuestionnaireVersion), ApiError> {
    let q = by_slug(c, slug)?;
    let v = questionnaires::version(c, &q.id, version)?.ok_or(ApiError::NotFound)?;
    Ok((q, v))
}

/// Moves a version between statuses (publish: draft → published; retire: published →
/// retired) and audits it; 409 when the version is not in `from`.
pub async fn change_status(
    state: &crate::AppState,
    admin_id: String,
    slug: String,
    version: i32,
    (from, to, action, code): (
        VersionStatus,
        VersionStatus,
        kindred_domain::audit::Action,
        &'static str,
    ),
) -> Result<(), ApiError> {
    state
        .tx(move |c| {
            let (_, v) = version_of(c, &slug, version)?;
            if !questionnaires::transition(c, &v.id, from, to, kindred_db::now_utc().naive_utc())? {
                return Err(ApiError::Conflict {
                    code,
                    detail: format!(
                        "Version {version} is {}, not {}.",
                        v.status()?.as_str(),
                        from.as_str()
                    ),
                });
            }
            kindred_db::queries::audit::record(
                c,
                &kindred_db::queries::audit::NewAuditEvent::new(action, Some(&admin_id))
                    .subject("questionnaire_version", &v.id)
                    .details(serde_json::json!({"slug": slug, "version": version})),
            )?;
            Ok(())
        })
        .await
}
