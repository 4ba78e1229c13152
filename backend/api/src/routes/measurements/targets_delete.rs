//! `DELETE /me/targets/{type}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Removes my target range for a measurement type.
#[utoipa::path(delete, path = "/api/v1/me/targets/{type}", tag = "measurements", security(("bearer" = [])),
    params(("type" = String, Path, description = "Type slug")),
    responses((status = 204, description = "Removed"), (status = 404, body = crate::error::Problem)))]
#[delete("/me/targets/{type}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = path.into_inner();
    let owner = user.owner();
    state.db(move |c| Ok(kindred_app::measurements::delete_target(c, &owner, &slug)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
