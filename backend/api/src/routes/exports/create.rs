//! `POST /studies/{id}/exports`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::json::Json;
use crate::views::{ExportRequest, ExportResponse};
use crate::{ApiError, AppState};

/// Asks for a de-identified export of the study's consented data (its researchers only; an
/// admin 403, anyone else 404). The study must be approved and open and at least k members
/// must consent (409 `cohort_too_small`, `study_not_approved`, `study_closed`). A background
/// worker writes it: 202 with its status; poll `GET /exports/{id}`.
#[utoipa::path(post, path = "/api/v1/studies/{id}/exports", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")),
    request_body = ExportRequest,
    responses((status = 202, body = ExportResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/exports")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ExportRequest>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id, format) = (user.actor(), path.into_inner(), body.into_inner().format);
    let e = state
        .db(move |c| Ok(kindred_app::research::exports::request(c, &actor, &id, &format)?))
        .await?;
    Ok(HttpResponse::Accepted()
        .insert_header(("Location", format!("/api/v1/exports/{}", e.id)))
        .json(ExportResponse::of(&e).map_err(kindred_app::AppError::from)?))
}
