//! `DELETE /communities/{slug}/membership`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Leaves a community (404 when I am not a member).
#[utoipa::path(delete, path = "/api/v1/communities/{slug}/membership", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")),
    responses((status = 204), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[delete("/communities/{slug}/membership")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, slug) = (user.actor(), path.into_inner());
    state.db(move |c| Ok(kindred_app::communities::leave(c, &actor, &slug)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
