//! `GET /me/measurements/export.csv`

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Which readings.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportCsvQuery {
    /// Only this type (default: every type).
    #[serde(rename = "type")]
    #[param(rename = "type", min_length = 1)]
    pub type_slug: Option<String>,
}

/// My readings as CSV for a spreadsheet, oldest first, each in my display unit for its type.
/// The columns are the ones `POST /me/measurements/import` reads, so the file imports again.
#[utoipa::path(get, path = "/api/v1/me/measurements/export.csv", tag = "measurements", security(("bearer" = [])),
    params(ExportCsvQuery),
    responses((status = 200, content_type = "text/csv", body = String,
               description = "Columns: type, value, systolic, diastolic, unit, taken_at, context, note, client_id"),
              (status = 422, body = crate::error::Problem)))]
#[get("/me/measurements/export.csv")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ExportCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let slug = q.into_inner().type_slug;
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let csv = state
        .db(move |c| Ok(kindred_app::measurements::export_csv(c, &owner, &cache, slug.as_deref())?))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"kindred-measurements.csv\""))
        .insert_header(("Cache-Control", "no-store"))
        .body(csv))
}
