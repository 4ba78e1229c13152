//! `GET /threads/{id}/posts`

use actix_web::{get, web};

use crate::auth::Bearer;
use crate::pagination::PageQuery;
use crate::views::ThreadPageResponse;
use crate::{ApiError, AppState};

/// The next page of a thread's posts (follow `next_cursor`): the same answer as
/// `GET /threads/{id}`, thread included; reading moves my read position forward. A thread I
/// may not read is 404; reading faster than a person can is 429.
#[utoipa::path(get, path = "/api/v1/threads/{id}/posts", tag = "threads", security(("bearer" = [])),
    params(("id" = String, Path, description = "Thread id"), PageQuery),
    responses((status = 200, body = ThreadPageResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[get("/threads/{id}/posts")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    path: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<ThreadPageResponse>, ApiError> {
    super::page(state, bearer, path.into_inner(), q.into_inner()).await
}
