//! Routes, one folder per area and one handler per file. Each area registers its routes here.

use actix_web::web;

pub mod admin;
pub mod auth;
pub mod conditions;
pub mod health;
pub mod me;
pub mod measurements;
pub mod not_found;
pub mod questionnaires;

/// Registers the operational endpoints at the root (`/healthz`, `/readyz`, `/metrics`).
pub fn root(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz::handler)
        .service(health::readyz::handler)
        .service(health::metrics::handler);
}

/// Registers the versioned API under `/api/v1`.
pub fn v1(cfg: &mut web::ServiceConfig) {
    cfg.configure(auth::routes)
        .configure(me::routes)
        .configure(conditions::routes)
        .configure(measurements::routes)
        .configure(questionnaires::routes)
        .configure(admin::routes);
}
