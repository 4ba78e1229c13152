//! `GET /me/questionnaires/due`

use actix_web::{get, web};
use chrono::{DateTime, TimeDelta, Utc};
use kindred_db::queries::questionnaires;
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
/// response (or that I never answered).
#[utoipa::path(get, path = "/api/v1/me/questionnaires/due", tag = "questionnaires", security(("bearer" = [])),
    responses((status = 200, body = DueList), (status = 401, body = crate::error::Problem)))]
#[get("/me/questionnaires/due")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<DueList>, ApiError> {
    let mut items = state
        .db(move |c| {
            let now = Utc::now();
            let mut out = Vec::new();
            for q in questionnaires::linked_to_user(c, &user.id)? {
                let versions = questionnaires::versions(c, &q.id)?;
                let Some(version) = kindred_app::questionnaires::published(&versions)?
                    .iter()
                    .map(|v| v.version)
                    .max()
                else {
                    continue;
                };
                let last =
                    questionnaires::last_response_at(c, &user.id, &q.id)?.map(|t| t.and_utc());
                let due_since =
                    last.map(|t| t + TimeDelta::days(i64::from(q.recommended_interval_days)));
                if due_since.is_none_or(|d| d <= now) {
                    out.push(DueItem {
                        slug: q.slug,
                        title: q.title,
                        version,
                        last_response_at: last,
                        due_since,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    items.sort_by_key(|i| i.due_since);
    Ok(web::Json(DueList { items }))
}
