//! `DELETE /me/conditions/{id}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Removes a condition from my list. Someone else's entry answers 404.
#[utoipa::path(delete, path = "/api/v1/me/conditions/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = String, Path, description = "The entry id from GET /me/conditions")),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
#[delete("/me/conditions/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (owner, id) = (user.owner(), path.into_inner());
    state.db(move |c| Ok(kindred_app::accounts::conditions::remove(c, &owner, &id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
