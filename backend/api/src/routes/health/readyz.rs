//! `GET /readyz`: the database is reachable.

use actix_web::{get, web};
use kindred_db::DbConn;

use super::HealthResponse;
use crate::{ApiError, AppState};

/// Readiness: 200 when a database round trip succeeds, 503 otherwise.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "Ready", body = HealthResponse),
              (status = 503, description = "Database unreachable", body = crate::error::Problem)))]
#[get("/readyz")]
pub async fn handler(state: web::Data<AppState>) -> Result<web::Json<HealthResponse>, ApiError> {
    state.db(|c: &mut DbConn| Ok(kindred_db::queries::health::ping(c)?)).await?;
    Ok(web::Json(HealthResponse {
        status: "ready".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
