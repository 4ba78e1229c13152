//! `POST /communities/{slug}/join`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Joins a community (joining twice is fine). A condition I have not listed is no obstacle.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/join", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")),
    responses((status = 204), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/communities/{slug}/join")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, slug) = (user.actor(), path.into_inner());
    state.db(move |c| Ok(kindred_app::communities::join(c, &actor, &slug)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
