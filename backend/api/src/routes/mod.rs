//! Routes, one folder per area and one handler per file. Each area registers its routes here.

use actix_web::web;

pub mod health;
pub mod not_found;

/// Registers the operational endpoints at the root (`/healthz`, `/readyz`, `/metrics`).
pub fn root(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz::handler)
        .service(health::readyz::handler)
        .service(health::metrics::handler);
}

/// Registers the versioned API under `/api/v1`.
pub fn v1(_cfg: &mut web::ServiceConfig) {}
