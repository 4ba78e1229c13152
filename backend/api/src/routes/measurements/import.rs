//! `POST /me/measurements/import`

use actix_web::{post, web, HttpRequest, HttpResponse};

pub use kindred_app::measurements::MAX_LINE_ERRORS;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Options.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check the file and report, without storing anything.
    #[serde(default)]
    pub dry_run: bool,
    /// Store the valid lines and skip the bad ones (listed in `skipped`). Without it, any bad
    /// line and nothing is stored.
    #[serde(default)]
    pub skip_invalid: bool,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    /// True when nothing was stored (a dry run).
    pub dry_run: bool,
    /// Valid data rows in the file.
    pub rows: usize,
    /// Readings newly stored (0 on a dry run).
    pub imported: usize,
    /// Rows whose `client_id` was already stored or repeats an earlier row's (skipped as
    /// duplicates; on a dry run: would be skipped).
    pub duplicates: usize,
    /// With `skip_invalid`: the bad lines skipped (at most 100 listed).
    pub skipped: Vec<kindred_domain::measurement::LineError>,
    /// With `skip_invalid`: how many lines were bad and skipped.
    pub skipped_lines: usize,
    /// Lines whose value is far from my stored readings of its type (code `unusual_value`,
    /// as `POST /me/measurements` would refuse without `confirm_unusual`): imported all the
    /// same, listed so that a unit mix-up is seen (at most 100 listed).
    pub unusual: Vec<kindred_domain::measurement::LineError>,
    /// How many lines are unusual in all.
    pub unusual_lines: usize,
}

/// Imports readings from CSV (`Content-Type: text/csv`, up to 10 MiB): a header row naming
/// the columns `type`, `value` or `systolic`/`diastolic`, `unit` (`kg`, `lb`, `mmHg`,
/// `mg/dL`, `mmol/L`, …), `taken_at`, `note`, and optionally `client_id` and `context`
/// (blood glucose: `fasting`, `before_meal`, `after_meal`, `bedtime`). A time without a UTC
/// offset (`2026-01-31 08:30`) is read in my profile's time zone. All-or-nothing unless
/// `skip_invalid`: any bad line and nothing is stored; the 422 lists every bad line as
/// `lines[N].<column>` (N = line number in the file, header = 1).
#[utoipa::path(post, path = "/api/v1/me/measurements/import", tag = "measurements", security(("bearer" = [])),
    params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportResult), (status = 415, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements/import")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    q: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !matches!(essence.as_str(), "text/csv" | "text/plain" | "application/csv") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let limit = state.config.import_body_limit;
    let body = crate::json::read_body(&mut payload, limit, state.config.body_timeout).await?;
    let text = String::from_utf8(body)
        .map_err(|_| ApiError::field("body", "not_utf8", "Save the file as UTF-8 text."))?;
    let mode =
        kindred_app::measurements::ImportMode { dry_run: q.dry_run, skip_invalid: q.skip_invalid };
    let (owner, cache) = (user.owner(), state.measurement_types.clone());
    let done = state
        .db(move |c| Ok(kindred_app::measurements::import(c, &owner, &cache, &text, mode)?))
        .await?;
    Ok(HttpResponse::Ok().json(ImportResult {
        dry_run: mode.dry_run,
        rows: done.rows,
        imported: done.imported,
        duplicates: done.duplicates,
        skipped: done.skipped,
        skipped_lines: done.skipped_lines,
        unusual: done.unusual,
        unusual_lines: done.unusual_lines,
    }))
}
