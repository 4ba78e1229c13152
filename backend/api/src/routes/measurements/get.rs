//! `GET /me/measurements/{id}`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{respond, MeasurementResponse};
use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// An earlier version of an edited reading.
#[derive(Debug, Serialize, ToSchema)]
pub struct EditView {
    /// When it was replaced.
    pub edited_at: DateTime<Utc>,
    /// The values before the edit.
    #[schema(value_type = Object)]
    pub previous: serde_json::Value,
}

/// A reading with its edit history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementDetail {
    /// The reading as it is now.
    #[serde(flatten)]
    pub measurement: MeasurementResponse,
    /// Earlier versions, oldest first.
    pub edits: Vec<EditView>,
}

/// One of my readings, with its edit history. Someone else's answers 404.
#[utoipa::path(get, path = "/api/v1/me/measurements/{id}", tag = "measurements", security(("bearer" = [])),
    params(("id" = String, Path, description = "Measurement id")),
    responses((status = 200, body = MeasurementDetail), (status = 404, body = crate::error::Problem)))]
#[get("/me/measurements/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<MeasurementDetail>, ApiError> {
    let (owner, id) = (user.owner(), path.into_inner());
    let cache = state.measurement_types.clone();
    let (m, edits, types) = state
        .db(move |c| {
            let (m, edits) = kindred_app::measurements::get(c, &owner, &id)?;
            Ok((m, edits, cache.get(c)?))
        })
        .await?;
    Ok(web::Json(MeasurementDetail {
        measurement: respond(&m, &types)?,
        edits: edits
            .into_iter()
            .map(|e| EditView {
                edited_at: e.edited_at.and_utc(),
                previous: serde_json::from_str(&e.previous).unwrap_or_default(),
            })
            .collect(),
    }))
}
