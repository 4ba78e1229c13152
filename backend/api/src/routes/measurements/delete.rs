//! `DELETE /me/measurements/{id}`

use actix_web::{delete, web, HttpResponse};
use kindred_db::queries::measurements;

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
    let id = path.into_inner();
    state
        .tx(move |c| {
            if measurements::delete_for_user(c, &user.id, &id)? {
                Ok(())
            } else {
                Err(ApiError::NotFound)
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
