//! `GET /me/responses`

use actix_web::{get, web};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::questionnaires;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::respond::{view, ResponseView};
use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::{ApiError, AppState};

/// Filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ResponsesQuery {
    /// Only this questionnaire (slug).
    pub questionnaire: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
}

/// A page of responses.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseList {
    /// Newest first.
    pub items: Vec<ResponseView>,
    /// Cursor of the next (older) page, or null.
    pub next_cursor: Option<String>,
}

/// My responses, newest first.
#[utoipa::path(get, path = "/api/v1/me/responses", tag = "questionnaires", security(("bearer" = [])), params(ResponsesQuery),
    responses((status = 200, body = ResponseList), (status = 404, body = crate::error::Problem, description = "Unknown questionnaire")))]
#[get("/me/responses")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ResponsesQuery>,
) -> Result<web::Json<ResponseList>, ApiError> {
    let q = q.into_inner();
    let limit = PageQuery { limit: q.limit, cursor: None }.limit()?;
    let before = crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_time_id)?;
    let (items, next_cursor) = state
        .db(move |c| {
            let qid = match &q.questionnaire {
                Some(slug) => Some(kindred_app::questionnaires::by_slug(c, slug)?.id),
                None => None,
            };
            let rows =
                questionnaires::list_responses(c, &user.id, qid.as_deref(), before, limit + 1)?;
            let (rows, next) = page::cut(rows, limit, |r| Cursor::time_id(&r.submitted_at, &r.id));
            let mut items = Vec::new();
            for r in rows {
                let qn = questionnaires::find(c, &r.questionnaire_id)?.ok_or(ApiError::NotFound)?;
                let version = questionnaires::versions(c, &qn.id)?
                    .into_iter()
                    .find(|v| v.id == r.version_id)
                    .map(|v| v.version)
                    .unwrap_or(0);
                items.push(view(&r, &qn.slug, version)?);
            }
            Ok((items, next))
        })
        .await?;
    Ok(web::Json(ResponseList { items, next_cursor }))
}
