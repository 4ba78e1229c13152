//! `PATCH /me/measurements/{id}`

use std::collections::BTreeMap;

use actix_web::{patch, web};
use kindred_db::queries::measurements;
use kindred_domain::measurement::{find_type, validate, MeasurementInput, Source};
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
    pub taken_at: Option<String>,
    /// New note (empty clears it).
    #[serde(default)]
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
    let id = path.into_inner();
    let req = body.into_inner();
    if req.value.is_none()
        && req.components.is_none()
        && req.taken_at.is_none()
        && req.note.is_none()
    {
        return Err(ApiError::field(
            "body",
            "empty",
            "Send at least one of value, components, taken_at or note.",
        ));
    }
    let cache = state.measurement_types.clone();
    let (after, types) = state
        .tx(move |c| {
            let before =
                measurements::find_for_user(c, &user.id, &id)?.ok_or(ApiError::NotFound)?;
            let types = cache.get(c)?;
            let def = find_type(&types, &before.type_slug).ok_or(ApiError::NotFound)?;
            let current = respond(&before, &types);
            let values_given = req.value.is_some() || req.components.is_some();
            let input = MeasurementInput {
                type_slug: before.type_slug.clone(),
                value: if values_given { req.value } else { current.value },
                components: if values_given {
                    req.components.clone()
                } else {
                    current.components.clone()
                },
                unit: if values_given { req.unit.clone() } else { None },
                taken_at: req.taken_at.clone().unwrap_or(current.taken_at_local.clone()),
                source: Some(Source::parse(&before.source).unwrap_or(Source::Manual)),
                client_id: None,
                note: req.note.clone().or(before.note.clone()),
            };
            let valid = validate(def, &input, chrono::Utc::now())?;
            let mut after =
                kindred_db::models::measurement::Measurement::from_valid(&user.id, &valid);
            after.id = before.id.clone();
            after.client_id = before.client_id.clone();
            after.created_at = before.created_at;
            let previous = serde_json::json!({
                "value": current.value, "components": current.components, "unit": current.unit,
                "taken_at": current.taken_at_local, "note": current.note,
            });
            measurements::update_with_history(c, &before, &after, &previous.to_string())?;
            Ok((after, types))
        })
        .await?;
    Ok(web::Json(respond(&after, &types)))
}
