//! `POST /studies/{id}/submit`

use actix_web::{post, web};

use crate::auth::AuthUser;
use crate::views::StudyResponse;
use crate::{ApiError, AppState};

/// Submits a draft or rejected study for an admin's review (its researchers). Submitted or
/// approved already: 409 `study_frozen`; closed: 409 `study_closed`; last day passed: 422.
#[utoipa::path(post, path = "/api/v1/studies/{id}/submit", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/submit")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let (actor, id, k) = (user.actor(), path.into_inner(), state.config.min_cohort);
    let study =
        state.db(move |c| Ok(kindred_app::research::studies::submit(c, &actor, &id, k)?)).await?;
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
