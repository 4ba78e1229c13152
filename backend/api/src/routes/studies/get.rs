//! `GET /studies/{id}`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::StudyResponse;
use crate::{ApiError, AppState};

/// A study, to its researchers and to admins; anyone else 404.
#[utoipa::path(get, path = "/api/v1/studies/{id}", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/studies/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let study = state.db(move |c| Ok(kindred_app::research::studies::get(c, &actor, &id)?)).await?;
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
