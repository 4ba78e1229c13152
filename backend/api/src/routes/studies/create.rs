//! `POST /studies`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::views::{NewStudyRequest, StudyRequest, StudyResponse};
use crate::{ApiError, AppState, Json};

/// Drafts a study that I own (researchers; others 403 `not_a_researcher`). Every field but
/// `min_cohort` is required; slugs of conditions, communities, questionnaires and measurement
/// types must exist (422 naming the field). The document describes the body as
/// [`NewStudyRequest`] (what a new study needs); the handler reads the lenient
/// [`StudyRequest`], so that the caller's role is checked before the body (403 before 422).
#[utoipa::path(post, path = "/api/v1/studies", tag = "studies", security(("bearer" = [])),
    request_body = NewStudyRequest,
    responses((status = 201, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<StudyRequest>,
) -> Result<HttpResponse, ApiError> {
    let f = super::fields(body.into_inner())?;
    let (actor, k) = (user.actor(), state.config.min_cohort);
    let study =
        state.db(move |c| Ok(kindred_app::research::studies::create(c, &actor, k, &f)?)).await?;
    Ok(HttpResponse::Created().json(StudyResponse::try_from(&study)?))
}
