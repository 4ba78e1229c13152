//! `GET /questionnaires/{slug}`

use actix_web::{get, web};
use kindred_db::models::questionnaire::QuestionnaireVersion;
use kindred_db::queries::questionnaires;
use kindred_domain::questionnaire::VersionStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{summary, version_view, QuestionnaireSummary, VersionView};
use crate::{ApiError, AppState};

/// Which version.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GetQuery {
    /// A specific version (default: the newest published one).
    #[param(minimum = 1)]
    pub version: Option<i32>,
}

/// A questionnaire with one version's definition.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireDetail {
    /// Catalog entry.
    #[serde(flatten)]
    pub questionnaire: QuestionnaireSummary,
    /// Condition slugs it is recommended for.
    pub conditions: Vec<String>,
    /// The version shown.
    pub version: VersionView,
}

/// A questionnaire and the definition to answer (the newest published version, or `?version=`).
/// Drafts are not shown here.
#[utoipa::path(get, path = "/api/v1/questionnaires/{slug}", tag = "questionnaires",
    params(("slug" = String, Path, description = "Questionnaire slug"), GetQuery),
    responses((status = 200, body = QuestionnaireDetail), (status = 404, body = crate::error::Problem)))]
#[get("/questionnaires/{slug}")]
pub async fn handler(
    state: web::Data<AppState>,
    path: web::Path<String>,
    q: web::Query<GetQuery>,
) -> Result<web::Json<QuestionnaireDetail>, ApiError> {
    let slug = path.into_inner();
    let wanted = q.version;
    let detail = state
        .db(move |c| {
            let q = kindred_app::questionnaires::by_slug(c, &slug)?;
            let versions = questionnaires::versions(c, &q.id)?;
            let mut shown: Option<&QuestionnaireVersion> = None;
            for v in &versions {
                let status = v.status()?;
                let visible = status != VersionStatus::Draft
                    && wanted.is_none_or(|w| v.version == w)
                    && (wanted.is_some() || status == VersionStatus::Published);
                if visible && shown.is_none_or(|s| s.version < v.version) {
                    shown = Some(v);
                }
            }
            let shown = shown.ok_or(ApiError::NotFound)?;
            let mut conditions = Vec::new();
            for cid in questionnaires::condition_ids(c, &q.id)? {
                use kindred_db::queries::conditions;
                if let Some(cond) = conditions::list(c)?.into_iter().find(|x| x.id == cid) {
                    conditions.push(cond.slug);
                }
            }
            Ok(QuestionnaireDetail {
                questionnaire: summary(&q, &versions)?,
                conditions,
                version: version_view(shown)?,
            })
        })
        .await?;
    Ok(web::Json(detail))
}
