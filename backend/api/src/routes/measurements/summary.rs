//! `GET /me/measurements/summary`

use actix_web::{get, web};
use chrono::{TimeDelta, Utc};
use kindred_db::queries::measurements::SummaryBucket;
use kindred_domain::measurement::Bucket;
use kindred_domain::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::list::parse_time;
use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// What to summarise.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// Type slug (required).
    #[serde(rename = "type")]
    #[param(rename = "type", required = true, min_length = 1)]
    pub type_slug: Option<String>,
    /// Start, inclusive (RFC 3339; default one year before `to`).
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub from: Option<String>,
    /// End, exclusive (RFC 3339; default now).
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub to: Option<String>,
    /// `day` (default), `week` (Monday start) or `month`; UTC.
    pub bucket: Option<Bucket>,
}

/// One bucket; arrays hold one entry per component (one for most types, two for blood pressure).
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryItem {
    /// First day of the bucket (UTC), `YYYY-MM-DD`.
    pub bucket_start: String,
    /// Readings in the bucket.
    pub count: i64,
    /// Minimum per component.
    pub min: Vec<f64>,
    /// Maximum per component.
    pub max: Vec<f64>,
    /// Mean per component (2 decimals).
    pub mean: Vec<f64>,
}

/// A summary series.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryResponse {
    /// Type slug.
    #[serde(rename = "type")]
    pub type_slug: String,
    /// Canonical unit.
    pub unit: String,
    /// Component keys, in array order.
    pub components: Vec<String>,
    /// Bucket width.
    pub bucket: Bucket,
    /// Buckets with at least one reading, oldest first.
    pub items: Vec<SummaryItem>,
}

fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Count / min / max / mean of my readings of one type per day, week or month, computed in
/// the database (for charts over long ranges).
#[utoipa::path(get, path = "/api/v1/me/measurements/summary", tag = "measurements", security(("bearer" = [])),
    params(SummaryQuery), responses((status = 200, body = SummaryResponse), (status = 422, body = crate::error::Problem)))]
#[get("/me/measurements/summary")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<SummaryQuery>,
) -> Result<web::Json<SummaryResponse>, ApiError> {
    let q = q.into_inner();
    let mut errs = FieldErrors::new();
    let Some(type_slug) = q.type_slug.clone() else {
        return Err(ApiError::field("type", "required", "Name the measurement type."));
    };
    let to = parse_time(&mut errs, "to", &q.to)
        .unwrap_or_else(|| (Utc::now() + TimeDelta::minutes(5)).naive_utc());
    let from = parse_time(&mut errs, "from", &q.from).unwrap_or(to - TimeDelta::days(365));
    if from >= to {
        errs.add("from", "invalid_range", "from must be before to.");
    }
    let bucket = q.bucket.unwrap_or(Bucket::Day);
    // Daily buckets over decades would be a very long answer; weeks and months cover any
    // member's whole history (readings go back to 1900 at most).
    let (years, too_long) = match bucket {
        Bucket::Day => (30, "Summarise at most 30 years at a time by day; use week or month."),
        Bucket::Week | Bucket::Month => (200, "Summarise at most 200 years at a time."),
    };
    if to - from > TimeDelta::days(366 * years) {
        errs.add("from", "range_too_long", too_long);
    }
    errs.into_result(())?;
    let sb = match bucket {
        Bucket::Day => SummaryBucket::Day,
        Bucket::Week => SummaryBucket::Week,
        Bucket::Month => SummaryBucket::Month,
    };
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let (rows, def) = state
        .db(move |c| {
            let range = (from, to);
            Ok(kindred_app::measurements::summary(c, &owner, &cache, &type_slug, range, sb)?)
        })
        .await?;
    let multi = def.is_multi();
    let pick = |a: f64, b: Option<f64>| {
        if multi {
            vec![r2(a), r2(b.unwrap_or_default())]
        } else {
            vec![r2(a)]
        }
    };
    let items = rows
        .into_iter()
        .map(|r| SummaryItem {
            bucket_start: r.bucket,
            count: r.n,
            min: pick(r.min1, r.min2),
            max: pick(r.max1, r.max2),
            mean: pick(r.mean1, r.mean2),
        })
        .collect();
    Ok(web::Json(SummaryResponse {
        type_slug: def.slug.clone(),
        unit: def.unit.clone(),
        components: def.components.iter().map(|c| c.key.clone()).collect(),
        bucket,
        items,
    }))
}
