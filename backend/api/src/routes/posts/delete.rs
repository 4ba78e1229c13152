//! `DELETE /posts/{id}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Deletes one of my posts: a placeholder stays in the thread and the text leaves search.
/// Deleting twice is fine; someone else's post is 403 `not_author`, one I may not see 404.
#[utoipa::path(delete, path = "/api/v1/posts/{id}", tag = "posts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")),
    responses((status = 204), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
#[delete("/posts/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    state.db(move |c| Ok(kindred_app::communities::posts::delete(c, &actor, &id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
