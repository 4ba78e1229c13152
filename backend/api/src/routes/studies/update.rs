//! `PATCH /studies/{id}`

use actix_web::{patch, web};

use crate::auth::AuthUser;
use crate::views::{StudyRequest, StudyResponse};
use crate::{ApiError, AppState, Json};

/// Changes the fields sent of a draft or rejected study (its researchers). A submitted or
/// approved study is frozen: 409 `study_frozen`.
#[utoipa::path(patch, path = "/api/v1/studies/{id}", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")), request_body = StudyRequest,
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[patch("/studies/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<StudyRequest>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let f = super::fields(body.into_inner())?;
    let (actor, id, k) = (user.actor(), path.into_inner(), state.config.min_cohort);
    let study = state
        .db(move |c| Ok(kindred_app::research::studies::update(c, &actor, &id, k, &f)?))
        .await?;
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
