//! `GET /me/display-units`

use std::collections::BTreeMap;

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// The units I read and enter measurement types in.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisplayUnitsResponse {
    /// UCUM unit by type slug, e.g. `{"body_weight": "[lb_av]"}`. Types not listed are shown
    /// in their canonical unit.
    pub units: BTreeMap<String, String>,
}

/// My display unit per measurement type: every device I sign in on shows my readings in them.
#[utoipa::path(get, path = "/api/v1/me/display-units", tag = "measurements", security(("bearer" = [])),
    responses((status = 200, body = DisplayUnitsResponse)))]
#[get("/me/display-units")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<DisplayUnitsResponse>, ApiError> {
    let owner = user.owner();
    let rows = state.db(move |c| Ok(kindred_app::measurements::display_units(c, &owner)?)).await?;
    Ok(web::Json(DisplayUnitsResponse {
        units: rows.into_iter().map(|d| (d.type_slug, d.unit)).collect(),
    }))
}
