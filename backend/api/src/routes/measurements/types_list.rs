//! `GET /measurement-types`

use actix_web::{get, web};
use kindred_domain::measurement::MeasurementTypeDef;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{ApiError, AppState};

/// The measurement types.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementTypeList {
    /// Built-in types first.
    pub items: Vec<MeasurementTypeDef>,
}

/// Lists measurement types with their LOINC codes, units and plausible ranges.
#[utoipa::path(get, path = "/api/v1/measurement-types", tag = "measurements",
    responses((status = 200, body = MeasurementTypeList)))]
#[get("/measurement-types")]
pub async fn handler(
    state: web::Data<AppState>,
) -> Result<web::Json<MeasurementTypeList>, ApiError> {
    let cache = state.measurement_types.clone();
    let items = state.db(move |c| Ok(cache.get(c)?.as_ref().clone())).await?;
    Ok(web::Json(MeasurementTypeList { items }))
}
