//! `GET /healthz`: the process is alive.

use actix_web::{get, web};

use super::HealthResponse;

/// Liveness: answers as long as the process serves HTTP.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = HealthResponse)))]
#[get("/healthz")]
pub async fn handler() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
