//! `GET /me/questionnaires/due`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// A questionnaire due for me.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueItem {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The version to answer.
    pub version: i32,
    /// My last response, if any.
    pub last_response_at: Option<DateTime<Utc>>,
    /// Due since (null when never answered).
    pub due_since: Option<DateTime<Utc>>,
}

/// Questionnaires due for me.
#[derive(Debug, Serialize, ToSchema)]
pub struct DueList {
    /// Never-answered first, then longest overdue.
    pub items: Vec<DueItem>,
}

/// Questionnaires linked to my conditions whose recommended interval has passed since my last
/// response (or that I never answered). A response to a questionnaire that covers another
/// (PHQ-9 asks the PHQ-2's questions) counts for both.
#[utoipa::path(get, path = "/api/v1/me/questionnaires/due", tag = "questionnaires", security(("bearer" = [])),
    responses((status = 200, body = DueList), (status = 401, body = crate::error::Problem)))]
#[get("/me/questionnaires/due")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<DueList>, ApiError> {
    let owner = user.owner();
    let due =
        state.db(move |c| Ok(kindred_app::questionnaires::due(c, &owner, Utc::now())?)).await?;
    let items = due
        .into_iter()
        .map(|d| DueItem {
            slug: d.questionnaire.slug,
            title: d.questionnaire.title,
            version: d.version,
            last_response_at: d.last,
            due_since: d.due_since,
        })
        .collect();
    Ok(web::Json(DueList { items }))
}
