//! `GET /conditions/{slug}/suggestions`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState};

/// A questionnaire suggested for a condition.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedQuestionnaire {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
}

/// What to track for a condition.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionsResponse {
    /// The condition's slug.
    pub condition: String,
    /// Measurement type slugs to log (e.g. `blood_pressure` for hypertension).
    pub measurement_types: Vec<String>,
    /// Questionnaires to answer (e.g. PHQ-9 for depression).
    pub questionnaires: Vec<SuggestedQuestionnaire>,
}

impl SuggestionsResponse {
    /// From what the app layer returns.
    pub fn new(condition: String, (types, qs): kindred_app::admin::Suggestions) -> Self {
        SuggestionsResponse {
            condition,
            measurement_types: types,
            questionnaires: qs
                .into_iter()
                .map(|(slug, title)| SuggestedQuestionnaire { slug, title })
                .collect(),
        }
    }
}

/// What a member who lists this condition is invited to track: measurement types and
/// questionnaires (public; admins edit it).
#[utoipa::path(get, path = "/api/v1/conditions/{slug}/suggestions", tag = "conditions",
    params(("slug" = String, Path, description = "Condition slug")),
    responses((status = 200, body = SuggestionsResponse), (status = 404, body = crate::error::Problem)))]
#[get("/conditions/{slug}/suggestions")]
pub async fn handler(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<SuggestionsResponse>, ApiError> {
    let slug = path.into_inner();
    let s = slug.clone();
    let found = state.db(move |c| Ok(kindred_app::admin::condition_suggestions(c, &s)?)).await?;
    Ok(web::Json(SuggestionsResponse::new(slug, found)))
}
