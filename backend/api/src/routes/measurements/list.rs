//! `GET /me/measurements`

use actix_web::{get, web};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDateTime};
use kindred_db::queries::measurements::{self, ListFilter};
use kindred_domain::FieldErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{respond, MeasurementResponse};
use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::{ApiError, AppState};

/// Filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this type.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub type_slug: Option<String>,
    /// Taken at or after (RFC 3339).
    pub from: Option<String>,
    /// Taken before (RFC 3339).
    pub to: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// A page of readings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementList {
    /// Newest first.
    pub items: Vec<MeasurementResponse>,
    /// Cursor of the next (older) page, or null.
    pub next_cursor: Option<String>,
}

/// Parses an RFC 3339 query parameter.
pub fn parse_time(
    errs: &mut FieldErrors,
    field: &str,
    raw: &Option<String>,
) -> Option<NaiveDateTime> {
    let raw = raw.as_deref()?;
    match kindred_domain::measurement::parse_time(raw) {
        Some(t) => Some(t.naive_utc()),
        None => {
            errs.add(field, "invalid_datetime", "Use RFC 3339, like 2026-01-31T00:00:00Z.");
            None
        }
    }
}

fn encode_cursor(t: &NaiveDateTime, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{id}", t.and_utc().timestamp_micros()))
}

fn decode_cursor(raw: &str) -> Option<(NaiveDateTime, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(raw).ok()?).ok()?;
    let (micros, id) = text.split_once('|')?;
    let t = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((t, id.to_string()))
}

/// Lists my readings, newest first (keyset-paginated).
#[utoipa::path(get, path = "/api/v1/me/measurements", tag = "measurements", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = MeasurementList), (status = 422, body = crate::error::Problem)))]
#[get("/me/measurements")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ListQuery>,
) -> Result<web::Json<MeasurementList>, ApiError> {
    let q = q.into_inner();
    let limit = PageQuery { limit: q.limit, cursor: None }.limit()?;
    let mut errs = FieldErrors::new();
    let from = parse_time(&mut errs, "from", &q.from);
    let to = parse_time(&mut errs, "to", &q.to);
    let before = match &q.cursor {
        None => None,
        Some(c) => {
            let d = decode_cursor(c);
            if d.is_none() {
                errs.add("cursor", "invalid_cursor", "Use next_cursor from the previous page.");
            }
            d
        }
    };
    errs.into_result(())?;
    let filter = ListFilter { type_slug: q.type_slug, from, to, before };
    let cache = state.measurement_types.clone();
    let (rows, types) = state
        .db(move |c| {
            let rows = measurements::list(c, &user.id, &filter, limit + 1)?;
            Ok((rows, cache.get(c)?))
        })
        .await?;
    let more = rows.len() as i64 > limit;
    let page: Vec<_> = rows.into_iter().take(limit as usize).collect();
    let next_cursor =
        if more { page.last().map(|m| encode_cursor(&m.taken_at, &m.id)) } else { None };
    Ok(web::Json(MeasurementList {
        items: page.iter().map(|m| respond(m, &types)).collect(),
        next_cursor,
    }))
}
