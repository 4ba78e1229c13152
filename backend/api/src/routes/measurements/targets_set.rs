//! `PUT /me/targets/{type}`

use std::collections::BTreeMap;

use actix_web::{put, web, HttpResponse};
use kindred_domain::measurement::Bounds;
use serde::Deserialize;
use utoipa::ToSchema;

use super::TargetRange;
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// A target range.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetRequest {
    /// Bounds per component key (`value` for single-valued types; `systolic` and `diastolic`
    /// for blood pressure), e.g. `{"systolic": {"high": 130}, "diastolic": {"high": 80}}`.
    pub ranges: BTreeMap<String, TargetRange>,
    /// Unit of the bounds (default the type's canonical unit).
    #[serde(default)]
    pub unit: Option<String>,
}

/// Sets my target range for a measurement type (replacing the one before).
#[utoipa::path(put, path = "/api/v1/me/targets/{type}", tag = "measurements", security(("bearer" = [])),
    params(("type" = String, Path, description = "Type slug")), request_body = TargetRequest,
    responses((status = 204, description = "Set"), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[put("/me/targets/{type}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<TargetRequest>,
) -> Result<HttpResponse, ApiError> {
    let slug = path.into_inner();
    let req = body.into_inner();
    let ranges: BTreeMap<String, Bounds> =
        req.ranges.into_iter().map(|(k, r)| (k, Bounds { low: r.low, high: r.high })).collect();
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    state
        .db(move |c| {
            Ok(kindred_app::measurements::set_target(
                c,
                &owner,
                &cache,
                &slug,
                &ranges,
                req.unit.as_deref(),
            )?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
