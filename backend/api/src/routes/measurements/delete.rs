//! `DELETE /me/measurements/{id}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Deletes one of my readings (and its edit history). Someone else's answers 404.
#[utoipa::path(delete, path = "/api/v1/me/measurements/{id}", tag = "measurements", security(("bearer" = [])),
    params(("id" = String, Path, description = "Measurement id")),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
#[delete("/me/measurements/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (owner, id) = (user.owner(), path.into_inner());
    state.db(move |c| Ok(kindred_app::measurements::delete(c, &owner, &id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
