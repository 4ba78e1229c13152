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
}

/// Imports readings from CSV (`Content-Type: text/csv`, up to 10 MiB): a header row naming
/// the columns `type`, `value` or `systolic`/`diastolic`, `unit`, `taken_at`, `note`, and
/// optionally `client_id`. All-or-nothing: any bad line and nothing is stored; the 422 lists
/// every bad line as `lines[N].<column>` (N = line number in the file, header = 1).
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
    let (owner, cache, dry_run) = (user.owner(), state.measurement_types.clone(), q.dry_run);
    let done = state
        .db(move |c| Ok(kindred_app::measurements::import(c, &owner, &cache, &text, dry_run)?))
        .await?;
    Ok(HttpResponse::Ok().json(ImportResult {
        dry_run,
        rows: done.rows,
        imported: done.imported,
        duplicates: done.duplicates,
    }))
}
