//! `POST /studies/{id}/members`

use actix_web::{post, web};
use kindred_domain::Handle;

use crate::auth::AuthUser;
use crate::views::{StudyMemberRequest, StudyResponse};
use crate::{ApiError, AppState, Json};

/// Adds a verified researcher to the study by handle (its owner; other researchers of the
/// study 403 `not_owner`). Unknown handle or not a researcher: 422 on `handle`; on the study
/// already: 409 `already_member`.
#[utoipa::path(post, path = "/api/v1/studies/{id}/members", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")), request_body = StudyMemberRequest,
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/members")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<StudyMemberRequest>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let handle = Handle::parse_any(&body.into_inner().handle)?;
    let (actor, id) = (user.actor(), path.into_inner());
    let study = state
        .db(move |c| Ok(kindred_app::research::studies::add_member(c, &actor, &id, &handle)?))
        .await?;
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
