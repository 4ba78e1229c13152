//! `POST /me/notifications/{id}/read`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Marks one of my notifications read (again is fine). Someone else's is 404.
#[utoipa::path(post, path = "/api/v1/me/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "Notification id")),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
#[post("/me/notifications/{id}/read")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (owner, id) = (user.owner(), path.into_inner());
    state
        .db(move |c| Ok(kindred_app::communities::notifications::mark_read(c, &owner, &id)?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
