//! `GET /communities/{slug}/threads`

use actix_web::{get, web};

use crate::auth::Bearer;
use crate::pagination::PageQuery;
use crate::views::{ThreadList, ThreadResponse};
use crate::{ApiError, AppState};

/// A page of a community's threads: pinned first, then latest activity first. Members-only
/// communities answer 404 to non-members.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/threads", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"), PageQuery),
    responses((status = 200, body = ThreadList), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[get("/communities/{slug}/threads")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    path: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<ThreadList>, ApiError> {
    let (limit, cursor) = (q.limit()?, q.cursor()?);
    let slug = path.into_inner();
    let (rows, next_cursor) = state
        .read(bearer, move |c, actor| {
            let reader = kindred_app::authz::require_reader(c, actor, &slug)?;
            Ok(kindred_app::communities::posts::list_threads(c, &reader, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = rows.iter().map(ThreadResponse::try_from).collect::<Result<_, _>>()?;
    Ok(web::Json(ThreadList { items, next_cursor }))
}
