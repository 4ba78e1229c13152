//! `POST /me/measurements/import`

use actix_web::{post, web, HttpRequest, HttpResponse};
use kindred_db::queries::measurements;
use kindred_domain::measurement::validate_rows;
use kindred_domain::{FieldError, FieldErrors};

/// Bad lines listed in one answer (the total is given after them).
pub const MAX_LINE_ERRORS: usize = 100;
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
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(ApiError::field(
            &format!("lines[{line}]"),
            "invalid_character",
            "This line holds a NUL character, which cannot be stored.",
        ));
    }
    let dry_run = q.dry_run;
    let cache = state.measurement_types.clone();
    let text = std::sync::Arc::new(text);
    let result = super::with_retry(&state, move |c| {
        let types = cache.get(c)?;
        let (valid, errors) = validate_rows(&types, &text, chrono::Utc::now());
        if !errors.is_empty() {
            let mut fe = FieldErrors::new();
            let total = errors.len();
            for e in errors.into_iter().take(MAX_LINE_ERRORS) {
                fe.push(FieldError::new(
                    format!("lines[{}].{}", e.line, e.field),
                    e.code,
                    format!("Line {}: {}", e.line, e.message),
                ));
            }
            if total > MAX_LINE_ERRORS {
                fe.push(FieldError::new(
                    "lines",
                    "too_many_errors",
                    format!("{total} lines have errors; the first {MAX_LINE_ERRORS} are listed."),
                ));
            }
            return Err(fe.into());
        }
        if valid.is_empty() {
            return Err(ApiError::field("body", "empty", "The file has no data rows."));
        }
        let rows = valid.len();
        if dry_run {
            // What storing would skip: client ids already stored, or repeated in the file.
            let ids: Vec<String> = valid.iter().filter_map(|(_, v)| v.client_id.clone()).collect();
            let mut seen: std::collections::HashSet<String> =
                measurements::find_by_client_ids(c, &user.id, &ids)?
                    .into_iter()
                    .filter_map(|m| m.client_id)
                    .collect();
            let duplicates = ids.into_iter().filter(|k| !seen.insert(k.clone())).count();
            return Ok(ImportResult { dry_run, rows, imported: 0, duplicates });
        }
        let readings: Vec<_> = valid.into_iter().map(|(_, v)| v).collect();
        let imported =
            super::store_all(c, &user.id, &readings)?.iter().filter(|(_, new)| *new).count();
        Ok(ImportResult { dry_run, rows, imported, duplicates: rows - imported })
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}
