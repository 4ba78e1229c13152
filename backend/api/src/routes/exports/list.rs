//! `GET /studies/{id}/exports`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::{ExportList, ExportResponse};
use crate::{ApiError, AppState};

/// The study's exports, newest first (its researchers and admins; anyone else 404).
#[utoipa::path(get, path = "/api/v1/studies/{id}/exports", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    responses((status = 200, body = ExportList), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/studies/{id}/exports")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<ExportList>, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let rows = state.db(move |c| Ok(kindred_app::research::exports::list(c, &actor, &id)?)).await?;
    let items = rows.iter().map(ExportResponse::of).collect::<Result<Vec<_>, _>>();
    Ok(web::Json(ExportList { items: items.map_err(kindred_app::AppError::from)? }))
}
