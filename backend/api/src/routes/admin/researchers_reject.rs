//! `POST /admin/researchers/{id}/reject`

use actix_web::{post, web};
use kindred_domain::forum::parse_reason;

use crate::auth::AdminJson;
use crate::views::{ApplicationResponse, ModReasonRequest};
use crate::{ApiError, AppState};

/// Rejects a researcher application with a reason the applicant is emailed (admins).
/// Decided already is 409 `already_decided`.
#[utoipa::path(post, path = "/api/v1/admin/researchers/{id}/reject", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id")), request_body = ModReasonRequest,
    responses((status = 200, body = ApplicationResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/admin/researchers/{id}/reject")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<ModReasonRequest>,
    path: web::Path<String>,
) -> Result<web::Json<ApplicationResponse>, ApiError> {
    let reason = parse_reason("reason", &body.reason)?;
    let (admin, id, outbox) = (admin.proof().clone(), path.into_inner(), state.outbox.clone());
    let row = state
        .db(move |c| {
            Ok(kindred_app::research::applications::decide(
                c,
                &outbox,
                &admin,
                &id,
                false,
                Some(&reason),
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ApplicationResponse::try_from(&row)?))
}
