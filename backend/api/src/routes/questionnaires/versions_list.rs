//! `GET /questionnaires/{slug}/versions`

use actix_web::{get, web};
use kindred_domain::questionnaire::VersionStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{version_view, VersionView};
use crate::auth::AdminUser;
use crate::{ApiError, AppState};

/// Which versions.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VersionsQuery {
    /// Only versions in this status (`draft`, `published` or `retired`).
    #[param(value_type = Option<VersionStatus>)]
    pub status: Option<String>,
}

/// Every version of a questionnaire.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionList {
    /// Oldest first.
    pub items: Vec<VersionView>,
}

/// Lists every version of a questionnaire, drafts and retired ones included, oldest first
/// (admins; members see published versions only, through `GET /questionnaires/{slug}`).
#[utoipa::path(get, path = "/api/v1/questionnaires/{slug}/versions", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug"), VersionsQuery),
    responses((status = 200, body = VersionList), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[get("/questionnaires/{slug}/versions")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<String>,
    q: web::Query<VersionsQuery>,
) -> Result<web::Json<VersionList>, ApiError> {
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(VersionStatus::parse(s).ok_or_else(|| {
            ApiError::field("status", "unknown_status", "Use draft, published or retired.")
        })?),
    };
    let (slug, admin) = (path.into_inner(), admin.proof().clone());
    let items = state
        .db(move |c| {
            kindred_app::questionnaires::all_versions(c, &admin, &slug, status)?
                .iter()
                .map(version_view)
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    Ok(web::Json(VersionList { items }))
}
