//! `GET /me/imports/{id}`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use kindred_db::models::measurement::HealthImport;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// An Apple Health import and its progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthImportResponse {
    /// Id.
    pub id: String,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// How much of the export has been read, 0–100.
    pub progress_percent: u8,
    /// Readings found so far.
    pub readings: i64,
    /// Readings stored (new).
    pub imported: i64,
    /// Readings skipped: stored before (importing a file twice adds nothing) or implausible.
    pub skipped: i64,
    /// Why it failed.
    pub error: Option<String>,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
    /// Finished at.
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<&HealthImport> for HealthImportResponse {
    fn from(r: &HealthImport) -> Self {
        let pct = if r.state == "done" {
            100
        } else if r.bytes_total > 0 {
            ((r.bytes_done as f64 / r.bytes_total as f64) * 100.0).clamp(0.0, 99.0) as u8
        } else {
            0
        };
        HealthImportResponse {
            id: r.id.clone(),
            state: r.state.clone(),
            progress_percent: pct,
            readings: r.readings,
            imported: r.imported,
            skipped: r.skipped,
            error: r.error.clone(),
            created_at: r.created_at.and_utc(),
            finished_at: r.finished_at.map(|t| t.and_utc()),
        }
    }
}

/// One of my Apple Health imports: its state and progress.
#[utoipa::path(get, path = "/api/v1/me/imports/{id}", tag = "measurements", security(("bearer" = [])),
    params(("id" = String, Path, description = "Import id")),
    responses((status = 200, body = HealthImportResponse), (status = 404, body = crate::error::Problem)))]
#[get("/me/imports/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<HealthImportResponse>, ApiError> {
    let id = path.into_inner();
    let owner = user.owner();
    let row = state
        .db(move |c| Ok(kindred_app::measurements::apple_health::status(c, &owner, &id)?))
        .await?;
    Ok(web::Json(HealthImportResponse::from(&row)))
}
