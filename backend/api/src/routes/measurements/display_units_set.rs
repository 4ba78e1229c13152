//! `PUT /me/display-units/{type}`

use actix_web::{put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// The unit to show a type in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisplayUnitRequest {
    /// One of the type's accepted units, as UCUM or a common spelling (`lb`, `mmol/L`, `°F`).
    #[schema(min_length = 1)]
    pub unit: String,
}

/// The unit now chosen.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisplayUnitResponse {
    /// Type slug.
    #[serde(rename = "type")]
    pub type_slug: String,
    /// UCUM code of the unit.
    pub unit: String,
}

/// Chooses the unit I read and enter a measurement type in (stored values stay canonical).
#[utoipa::path(put, path = "/api/v1/me/display-units/{type}", tag = "measurements", security(("bearer" = [])),
    params(("type" = String, Path, description = "Type slug")), request_body = DisplayUnitRequest,
    responses((status = 200, body = DisplayUnitResponse), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[put("/me/display-units/{type}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<DisplayUnitRequest>,
) -> Result<web::Json<DisplayUnitResponse>, ApiError> {
    let slug = path.into_inner();
    let unit = body.into_inner().unit;
    let (owner, cache, s) = (user.owner(), state.measurement_types.clone(), slug.clone());
    let unit = state
        .db(move |c| Ok(kindred_app::measurements::set_display_unit(c, &owner, &cache, &s, &unit)?))
        .await?;
    Ok(web::Json(DisplayUnitResponse { type_slug: slug, unit }))
}
