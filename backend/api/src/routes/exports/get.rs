//! `GET /exports/{id}`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::ExportResponse;
use crate::{ApiError, AppState};

/// An export's status and, once ready, its manifest (the study's researchers and admins;
/// anyone else 404).
#[utoipa::path(get, path = "/api/v1/exports/{id}", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Export id")),
    responses((status = 200, body = ExportResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/exports/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<ExportResponse>, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let e = state.db(move |c| Ok(kindred_app::research::exports::get(c, &actor, &id)?)).await?;
    Ok(web::Json(ExportResponse::of(&e).map_err(kindred_app::AppError::from)?))
}
