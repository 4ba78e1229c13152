//! `POST /me/measurements/batch`

use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{respond, MeasurementRequest, MeasurementResponse};
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// Most readings in one batch.
pub use kindred_app::measurements::MAX_BATCH;

/// Many readings at once.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// 1–1000 readings.
    #[schema(min_items = 1, max_items = 1000)]
    pub items: Vec<MeasurementRequest>,
}

/// The stored readings, in request order.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResponse {
    /// Stored (or, for reused client ids, previously stored) readings.
    pub items: Vec<MeasurementResponse>,
    /// How many were new.
    pub created: usize,
}

/// Logs up to 1000 readings in one transaction: all are stored or none. Errors name each bad
/// item by index (`items[3].value`).
#[utoipa::path(post, path = "/api/v1/me/measurements/batch", tag = "measurements", security(("bearer" = [])),
    request_body = BatchRequest,
    responses((status = 201, body = BatchResponse), (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements/batch")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<BatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let items: Vec<_> = req.items.iter().map(MeasurementRequest::input).collect();
    let (stored, types) = state
        .db(move |c| Ok(kindred_app::measurements::log_batch(c, &owner, &cache, &items)?))
        .await?;
    let created = stored.iter().filter(|(_, new)| *new).count();
    let items = stored.iter().map(|(m, _)| respond(m, &types)).collect::<Result<_, _>>()?;
    Ok(HttpResponse::Created().json(BatchResponse { items, created }))
}
