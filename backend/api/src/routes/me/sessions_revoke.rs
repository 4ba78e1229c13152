//! `DELETE /me/sessions/{id}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Signs one of my sessions out. Someone else's session id answers 404.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
#[delete("/me/sessions/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (owner, id) = (user.owner(), path.into_inner());
    state.db(move |c| Ok(kindred_app::accounts::sessions::revoke(c, &owner, &id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
