//! `GET /studies/{id}/cohort`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::CohortResponse;
use crate::{ApiError, AppState};

/// How many members are eligible and how many consent, overall and per category (the study's
/// researchers and admins; anyone else 404). A count from 1 to k − 1 is "fewer than k"; larger
/// ones are rounded down to a multiple of k, so no pair of answers reveals a smaller group.
#[utoipa::path(get, path = "/api/v1/studies/{id}/cohort", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    responses((status = 200, body = CohortResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/studies/{id}/cohort")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<CohortResponse>, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let cohort =
        state.db(move |c| Ok(kindred_app::research::consent::cohort(c, &actor, &id)?)).await?;
    Ok(web::Json(CohortResponse::from(&cohort)))
}
