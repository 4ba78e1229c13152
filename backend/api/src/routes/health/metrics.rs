//! `GET /metrics`: Prometheus text.

use actix_web::{get, web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::{ApiError, AppState};

/// Request counts and latency histograms by route and status, plus pool gauges. Not served on
/// the public listener unless `KINDRED_METRICS_TOKEN` is set, and then only with
/// `Authorization: Bearer <token>`; `KINDRED_METRICS_BIND` serves it on a separate address.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain"),
              (status = 401, body = crate::error::Problem, description = "Token missing or wrong"),
              (status = 404, body = crate::error::Problem, description = "No metrics token configured")))]
#[get("/metrics")]
pub async fn handler(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return Err(ApiError::NotFound);
    };
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compare digests, so the comparison takes the same time wherever the tokens differ.
    if Sha256::digest(given.as_bytes()) != Sha256::digest(expected.as_bytes()) {
        return Err(ApiError::unauthorized("A metrics token is required."));
    }
    Ok(render(&state))
}

/// The metrics document (also served without a token on `KINDRED_METRICS_BIND`).
pub fn render(state: &AppState) -> HttpResponse {
    let (open, idle) = state.db.state();
    let text = state.metrics.render(&[
        ("kindred_db_connections_open", "Open database connections.", f64::from(open)),
        ("kindred_db_connections_idle", "Idle database connections.", f64::from(idle)),
    ]);
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(text)
}
