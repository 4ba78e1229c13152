//! `POST /me/measurements`

use super::{respond, MeasurementRequest, MeasurementResponse};
use crate::auth::Bearer;
use crate::{ApiError, AppState, Json};
use actix_web::{post, web, HttpResponse};

/// Logs a reading. 201 when stored; 200 with the stored reading when this `client_id` was
/// already used (a retry).
#[utoipa::path(post, path = "/api/v1/me/measurements", tag = "measurements", security(("bearer" = [])),
    request_body = MeasurementRequest,
    responses((status = 201, body = MeasurementResponse), (status = 200, body = MeasurementResponse, description = "Retry of a stored reading"),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    body: Json<MeasurementRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let cache = state.measurement_types.clone();
    let (m, created, types) = state
        .db(move |c| {
            // The session is checked in this same hop (one trip to the database).
            let owner = bearer.live(c)?.owner();
            Ok(kindred_app::measurements::log(c, &owner, &cache, &req.input())?)
        })
        .await?;
    let res = respond(&m, &types)?;
    Ok(if created { HttpResponse::Created().json(res) } else { HttpResponse::Ok().json(res) })
}
