//! `POST /studies/{id}/approve`

use actix_web::{post, web};
use kindred_app::research::studies::Decision;
use kindred_domain::forum::parse_reason;

use crate::auth::AdminJson;
use crate::views::{StudyApproveRequest, StudyResponse};
use crate::{ApiError, AppState};

/// Approves a submitted study (admins), choosing how its exports give dates; fixes the consent
/// text and its SHA-256; the owner is emailed. Not waiting for review: 409 `not_submitted`.
#[utoipa::path(post, path = "/api/v1/studies/{id}/approve", tag = "studies", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")), request_body = StudyApproveRequest,
    responses((status = 200, body = StudyResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/approve")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<StudyApproveRequest>,
    path: web::Path<String>,
) -> Result<web::Json<StudyResponse>, ApiError> {
    let note = match body.note.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => Some(parse_reason("note", n)?),
        None => None,
    };
    let decision = Decision::Approve { date_mode: body.date_mode, note };
    let (admin, id, outbox) = (admin.proof().clone(), path.into_inner(), state.outbox.clone());
    let study = state
        .db(move |c| Ok(kindred_app::research::studies::decide(c, &outbox, &admin, &id, decision)?))
        .await?;
    state.wake_mailer();
    Ok(web::Json(StudyResponse::try_from(&study)?))
}
