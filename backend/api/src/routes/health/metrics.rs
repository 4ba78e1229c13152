//! `GET /metrics`: Prometheus text.

use actix_web::{get, web, HttpResponse};

use crate::AppState;

/// Request counts and latency histograms by route and status, plus pool gauges.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
#[get("/metrics")]
pub async fn handler(state: web::Data<AppState>) -> HttpResponse {
    let (open, idle) = state.db.state();
    let text = state.metrics.render(&[
        ("kindred_db_connections_open", "Open database connections.", f64::from(open)),
        ("kindred_db_connections_idle", "Idle database connections.", f64::from(idle)),
    ]);
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(text)
}
