//! `GET /me/targets`

use std::collections::BTreeMap;

use actix_web::{get, web};
use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;

use super::TargetRange;
use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// How recent readings met a target.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeInRange {
    /// Days counted (30).
    pub days: i64,
    /// Readings of the type in those days.
    pub readings: usize,
    /// Readings in range on every component.
    pub in_range: usize,
    /// `in_range / readings` as a whole percentage (null without readings).
    pub percent: Option<u8>,
}

/// A target range with how my recent readings met it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetResponse {
    /// Type slug.
    #[serde(rename = "type")]
    pub type_slug: String,
    /// Canonical unit of the bounds.
    pub unit: String,
    /// Bounds per component key (`value` for single-valued types); a missing bound is open.
    pub ranges: BTreeMap<String, TargetRange>,
    /// The last 30 days.
    pub recent: TimeInRange,
}

/// My targets.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetList {
    /// By type slug.
    pub items: Vec<TargetResponse>,
}

/// My target ranges, each with the share of my last 30 days' readings in range.
#[utoipa::path(get, path = "/api/v1/me/targets", tag = "measurements", security(("bearer" = [])),
    responses((status = 200, body = TargetList)))]
#[get("/me/targets")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<TargetList>, ApiError> {
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let rows = state
        .db(move |c| Ok(kindred_app::measurements::targets(c, &owner, &cache, Utc::now())?))
        .await?;
    let items = rows
        .into_iter()
        .map(|t| {
            let bounds = [(t.row.low1, t.row.high1), (t.row.low2, t.row.high2)];
            let ranges = t
                .def
                .components
                .iter()
                .zip(bounds)
                .filter(|(_, (l, h))| l.is_some() || h.is_some())
                .map(|(c, (low, high))| (c.key.clone(), TargetRange { low, high }))
                .collect();
            let percent = (t.readings > 0)
                .then(|| ((t.in_range as f64 / t.readings as f64) * 100.0).round() as u8);
            TargetResponse {
                type_slug: t.row.type_slug,
                unit: t.def.unit.clone(),
                ranges,
                recent: TimeInRange {
                    days: kindred_app::measurements::TIME_IN_RANGE_DAYS,
                    readings: t.readings,
                    in_range: t.in_range,
                    percent,
                },
            }
        })
        .collect();
    Ok(web::Json(TargetList { items }))
}
