//! `DELETE /studies/{id}/consent`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Withdraws my consent to a study in one call: no later export includes me (copies already
/// delivered cannot be recalled). No active consent: 404.
#[utoipa::path(delete, path = "/api/v1/studies/{id}/consent", tag = "consent", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    responses((status = 204), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[delete("/studies/{id}/consent")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    state.db(move |c| Ok(kindred_app::research::consent::withdraw(c, &actor, &id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
