//! `POST /admin/researchers/{id}/approve`

use actix_web::{post, web};

use crate::auth::AdminUser;
use crate::views::ApplicationResponse;
use crate::{ApiError, AppState};

/// Approves a researcher application (admins): the applicant becomes a researcher and is
/// emailed. Decided already is 409 `already_decided`.
#[utoipa::path(post, path = "/api/v1/admin/researchers/{id}/approve", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id")),
    responses((status = 200, body = ApplicationResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem)))]
#[post("/admin/researchers/{id}/approve")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<String>,
) -> Result<web::Json<ApplicationResponse>, ApiError> {
    let (admin, id, outbox) = (admin.proof().clone(), path.into_inner(), state.outbox.clone());
    let row = state
        .db(move |c| {
            Ok(kindred_app::research::applications::decide(c, &outbox, &admin, &id, true, None)?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ApplicationResponse::try_from(&row)?))
}
