//! `GET /me/measurements`

use actix_web::{get, web};
use chrono::NaiveDateTime;
use kindred_db::page::{self, Cursor};
use kindred_db::queries::measurements::ListFilter;
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
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub from: Option<String>,
    /// Taken before (RFC 3339).
    #[param(value_type = Option<chrono::DateTime<chrono::Utc>>)]
    pub to: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
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
    let before = match crate::pagination::cursor(q.cursor.as_deref(), Cursor::as_time_id) {
        Ok(b) => b,
        Err(ApiError::Validation(e)) => {
            e.0.into_iter().for_each(|e| errs.push(e));
            None
        }
        Err(e) => return Err(e),
    };
    errs.into_result(())?;
    let filter = ListFilter { type_slug: q.type_slug, from, to, before };
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let (rows, types) = state
        .db(move |c| Ok(kindred_app::measurements::list(c, &owner, &cache, &filter, limit + 1)?))
        .await?;
    let (page, next_cursor) = page::cut(rows, limit, |m| Cursor::time_id(&m.taken_at, &m.id));
    Ok(web::Json(MeasurementList {
        items: page.iter().map(|m| respond(m, &types)).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}
