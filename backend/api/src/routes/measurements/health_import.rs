//! `POST /me/imports/apple-health`

use std::collections::BTreeMap;

use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use utoipa::{IntoParams, ToSchema};

use super::health_import_get::HealthImportResponse;
use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Options.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HealthImportQuery {
    /// Read the file and report what it holds, storing nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// One type in a dry run.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthTypeSummary {
    /// Readings that would be imported (or skipped as already stored).
    pub readings: u64,
    /// Readings outside the type's plausible range (skipped).
    pub implausible: u64,
    /// The first reading's time.
    pub first: Option<DateTime<Utc>>,
    /// The last reading's time.
    pub last: Option<DateTime<Utc>>,
}

/// What a dry run found.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthDryRun {
    /// Always true.
    pub dry_run: bool,
    /// By Kindred type slug.
    pub types: BTreeMap<String, HealthTypeSummary>,
    /// Records of kinds Kindred does not track, or unreadable.
    pub ignored: u64,
}

/// Uploads the `export.zip` the Apple Health app makes (`Content-Type: application/zip`, up
/// to 1 GiB). With `dry_run`: 200 with what it holds per type and date range, nothing stored.
/// Otherwise 202: a background import reads it (blood pressure, heart rate, weight, glucose,
/// oxygen saturation, daily steps); follow it at `GET /me/imports/{id}`. Importing the same
/// file again adds nothing.
#[utoipa::path(post, path = "/api/v1/me/imports/apple-health", tag = "measurements", security(("bearer" = [])),
    params(HealthImportQuery), request_body(content = Vec<u8>, content_type = "application/zip"),
    responses((status = 200, body = HealthDryRun), (status = 202, body = HealthImportResponse),
              (status = 413, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/imports/apple-health")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    q: web::Query<HealthImportQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !matches!(essence.as_str(), "application/zip" | "application/x-zip-compressed") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let limit = state.config.health_upload_limit;
    let too_large =
        || ApiError::PayloadTooLarge { limit: usize::try_from(limit).unwrap_or(usize::MAX) };
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let id = kindred_db::new_id();
    let path = state.import_files.path(&id);
    // tokio's files write on the blocking pool: a slow disk does not stall the server's
    // async threads.
    let saved = async {
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
        let mut file = tokio::io::BufWriter::with_capacity(1 << 20, file);
        let mut written: u64 = 0;
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest {
                code: "unreadable_body",
                detail: format!("The upload could not be read: {e}"),
            })?;
            written += chunk.len() as u64;
            if written > limit {
                return Err(too_large());
            }
            file.write_all(&chunk).await.map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
        }
        file.flush().await.map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
        Ok(())
    };
    // An upload of a large export takes a while: ten minutes, not the usual body timeout.
    let saved = tokio::time::timeout(std::time::Duration::from_secs(600), saved)
        .await
        .unwrap_or(Err(ApiError::RequestTimeout));
    let outcome = match saved {
        Ok(()) => finish(&state, user, &id, q.dry_run).await,
        Err(e) => Err(e),
    };
    if q.dry_run || outcome.is_err() {
        let _ = tokio::fs::remove_file(&path).await;
    }
    outcome
}

async fn finish(
    state: &web::Data<AppState>,
    user: AuthUser,
    id: &str,
    dry_run: bool,
) -> Result<HttpResponse, ApiError> {
    use kindred_app::measurements::apple_health;
    let path = state.import_files.path(id);
    let p = path.clone();
    let size = web::block(move || apple_health::check_zip(&p))
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))??;
    if dry_run {
        let cache = state.measurement_types.clone();
        let defs = state.db(move |c| Ok(cache.get(c)?)).await?;
        let report = web::block(move || apple_health::dry_run(&defs, &path))
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))??;
        let types = report
            .types
            .into_iter()
            .map(|(k, t)| {
                let s = HealthTypeSummary {
                    readings: t.readings,
                    implausible: t.implausible,
                    first: t.first,
                    last: t.last,
                };
                (k, s)
            })
            .collect();
        return Ok(HttpResponse::Ok().json(HealthDryRun {
            dry_run: true,
            types,
            ignored: report.ignored,
        }));
    }
    let (owner, id) = (user.owner(), id.to_string());
    let row = state.db(move |c| Ok(apple_health::queue(c, &owner, &id, size)?)).await?;
    Ok(HttpResponse::Accepted().json(HealthImportResponse::from(&row)))
}
