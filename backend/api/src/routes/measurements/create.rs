//! `POST /me/measurements`

use actix_web::{post, web, HttpResponse};
use kindred_domain::measurement::{find_type, validate};
use kindred_domain::FieldError;

use super::{respond, MeasurementRequest, MeasurementResponse};
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// Logs a reading. 201 when stored; 200 with the stored reading when this `client_id` was
/// already used (a retry).
#[utoipa::path(post, path = "/api/v1/me/measurements", tag = "measurements", security(("bearer" = [])),
    request_body = MeasurementRequest,
    responses((status = 201, body = MeasurementResponse), (status = 200, body = MeasurementResponse, description = "Retry of a stored reading"),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<MeasurementRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let (m, created, types) = state
        .tx(move |c| {
            let types = super::load_types(c)?;
            let def = find_type(&types, &req.type_slug).ok_or_else(|| {
                FieldError::new(
                    "type",
                    "unknown_type",
                    "Choose a type from GET /measurement-types.",
                )
            })?;
            let valid = validate(def, &req.input(), chrono::Utc::now())?;
            let (m, created) = super::store(c, &user.id, &valid)?;
            Ok((m, created, types))
        })
        .await?;
    let body = respond(&m, &types);
    Ok(if created { HttpResponse::Created().json(body) } else { HttpResponse::Ok().json(body) })
}
