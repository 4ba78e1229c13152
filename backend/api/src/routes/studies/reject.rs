//! `POST /studies/{id}/reject`

use actix_web::{post, web};
use kindred_app::research::studies::Decision;
use kindred_domain::forum::parse_reason;

use crate::auth::AdminJson;
use crate::views::{ModReasonRequest, StudyResponse};
use crate::{ApiError, AppState};

/// Rejects a submitted study with a reason (admins); the owner is emailed and may change it
/// and submit again. Not waiting for review: 409 `not_submitted`.
#[utoipa::path(post, path = "/api/v1/studies/{id}/reject", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")), request_body = ModReasonRequest,
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/reject")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<ModReasonRequest>,
    path: web::Path<String>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let decision = Decision::Reject { reason: parse_reason("reason", &body.reason)? };
    let (admin, id, outbox) = (admin.proof().clone(), path.into_inner(), state.outbox.clone());
    let study = state
        .db(move |c| Ok(kindred_app::research::studies::decide(c, &outbox, &admin, &id, decision)?))
        .await?;
    state.wake_mailer();
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
