//! `POST /measurement-types`

use actix_web::{post, web, HttpResponse};
use kindred_domain::measurement::MeasurementTypeDef;

use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Adds a measurement type (admins).
#[utoipa::path(post, path = "/api/v1/measurement-types", tag = "measurements", security(("bearer" = [])),
    request_body = MeasurementTypeDef,
    responses((status = 201, body = MeasurementTypeDef), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/measurement-types")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<MeasurementTypeDef>,
) -> Result<HttpResponse, ApiError> {
    let admin = admin.proof().clone();
    let def = body;
    let d = def.clone();
    state.db(move |c| Ok(kindred_app::measurements::create_type(c, &admin, &d)?)).await?;
    state.measurement_types.clear();
    Ok(HttpResponse::Created().json(def))
}
