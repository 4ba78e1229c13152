//! `GET /studies`

use actix_web::{get, web};
use kindred_domain::study::StudyStatus;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::views::{StudyList, StudyResponse};
use crate::{ApiError, AppState};

/// Which studies, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StudiesQuery {
    /// Admins: the studies in this status (default `submitted`, the review queue).
    pub status: Option<StudyStatus>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
}

/// Researchers: the studies I am a researcher of, newest first. Admins: studies by status,
/// oldest first. Anyone else 403 `not_a_researcher`.
#[utoipa::path(get, path = "/api/v1/studies", tag = "studies", security(("bearer" = [])),
    params(StudiesQuery),
    responses((status = 200, body = StudyList), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[get("/studies")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<StudiesQuery>,
) -> Result<web::Json<StudyList>, ApiError> {
    let q = q.into_inner();
    let page = PageQuery { limit: q.limit, cursor: q.cursor };
    let (limit, cursor) = (page.limit()?, page.cursor()?);
    let (actor, status) = (user.actor(), q.status);
    let (rows, next_cursor) = state
        .db(move |c| {
            Ok(kindred_app::research::studies::list(c, &actor, status, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = rows.iter().map(StudyResponse::summary).collect::<Result<_, _>>()?;
    Ok(web::Json(StudyList { items, next_cursor }))
}
