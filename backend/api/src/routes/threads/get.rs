//! `GET /threads/{id}`

use actix_web::{get, web};

use crate::auth::Bearer;
use crate::pagination::PageQuery;
use crate::views::ThreadPageResponse;
use crate::{ApiError, AppState};

/// A thread and a page of its posts in order, with what I may do with each and where my
/// unread posts start; reading moves my read position forward. Removed and deleted posts show
/// as placeholders (moderators see removed text). A thread I may not read is 404; reading
/// faster than a person can is 429.
#[utoipa::path(get, path = "/api/v1/threads/{id}", tag = "threads", security(("bearer" = [])),
    params(("id" = String, Path, description = "Thread id"), PageQuery),
    responses((status = 200, body = ThreadPageResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[get("/threads/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    path: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<ThreadPageResponse>, ApiError> {
    super::page(state, bearer, path.into_inner(), q.into_inner()).await
}
