//! `GET /me/questionnaires/{slug}/scores`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::queries::questionnaires;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// One point of a score series.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScorePoint {
    /// When submitted.
    pub submitted_at: DateTime<Utc>,
    /// Total score.
    pub score: Option<f64>,
    /// Band.
    pub band: Option<String>,
}

/// My score history for charts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreSeries {
    /// Questionnaire slug.
    pub questionnaire: String,
    /// Oldest first.
    pub points: Vec<ScorePoint>,
}

/// My scores on one questionnaire over time, oldest first (up to 1000 most recent).
#[utoipa::path(get, path = "/api/v1/me/questionnaires/{slug}/scores", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug")),
    responses((status = 200, body = ScoreSeries), (status = 404, body = crate::error::Problem)))]
#[get("/me/questionnaires/{slug}/scores")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<ScoreSeries>, ApiError> {
    let slug = path.into_inner();
    let series = state
        .db(move |c| {
            let q = kindred_app::questionnaires::by_slug(c, &slug)?;
            let mut rows = questionnaires::list_responses(c, &user.id, Some(&q.id), None, 1000)?;
            rows.reverse();
            let points = rows
                .into_iter()
                .map(|r| ScorePoint {
                    submitted_at: r.submitted_at.and_utc(),
                    score: r.score,
                    band: r.band,
                })
                .collect();
            Ok(ScoreSeries { questionnaire: q.slug, points })
        })
        .await?;
    Ok(web::Json(series))
}
