//! `PATCH /me/measurements/{id}`

use std::collections::BTreeMap;

use actix_web::{patch, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{respond, MeasurementResponse};
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// New values for a reading (its type cannot change). Omitted fields keep their values.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeasurementRequest {
    /// New value (single-valued types).
    #[serde(default)]
    pub value: Option<f64>,
    /// New components (multi-valued types).
    #[serde(default)]
    pub components: Option<BTreeMap<String, f64>>,
    /// Unit of the new values.
    #[serde(default)]
    pub unit: Option<String>,
    /// New time (RFC 3339 with offset).
    #[serde(default)]
    #[schema(format = DateTime)]
    pub taken_at: Option<String>,
    /// New note (empty clears it).
    #[serde(default)]
    #[schema(schema_with = crate::fields::note)]
    pub note: Option<String>,
}

/// Corrects one of my readings; the previous version is kept in its edit history.
#[utoipa::path(patch, path = "/api/v1/me/measurements/{id}", tag = "measurements", security(("bearer" = [])),
    params(("id" = String, Path, description = "Measurement id")), request_body = UpdateMeasurementRequest,
    responses((status = 200, body = MeasurementResponse), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[patch("/me/measurements/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<UpdateMeasurementRequest>,
) -> Result<web::Json<MeasurementResponse>, ApiError> {
    let (owner, id, req) = (user.owner(), path.into_inner(), body.into_inner());
    let fix = kindred_app::measurements::Correction {
        value: req.value,
        components: req.components,
        unit: req.unit,
        taken_at: req.taken_at,
        note: req.note,
    };
    let cache = state.measurement_types.clone();
    let (after, types) = state
        .db(move |c| Ok(kindred_app::measurements::update(c, &owner, &cache, &id, &fix)?))
        .await?;
    Ok(web::Json(respond(&after, &types)?))
}
