//! Routes, one folder per area and one handler per file. Each area registers its routes here.

use actix_web::web;

/// Declares an area's routes once: `routes()` registers them with actix (in the order given,
/// which matters where a literal path and a `{param}` path overlap) and `openapi()` gives the
/// same operations' part of the OpenAPI document, so a route cannot be served undocumented
/// or documented unserved.
macro_rules! area {
    ($($handler:path),+ $(,)?) => {
        /// Registers the area's routes.
        pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
            $(cfg.service($handler);)+
        }

        /// The area's operations in the OpenAPI document.
        pub fn openapi() -> utoipa::openapi::OpenApi {
            #[derive(utoipa::OpenApi)]
            #[openapi(paths($($handler),+))]
            struct Area;
            <Area as utoipa::OpenApi>::openapi()
        }
    };
}

pub mod admin;
pub mod auth;
pub mod communities;
pub mod conditions;
pub mod consent;
pub mod exports;
pub mod health;
pub mod me;
pub mod measurements;
pub mod moderation;
pub mod not_found;
pub mod notifications;
pub mod posts;
pub mod questionnaires;
pub mod research;
pub mod studies;
pub mod threads;

/// Registers the operational endpoints at the root (`/healthz`, `/readyz`, `/metrics`).
pub fn root(cfg: &mut web::ServiceConfig) {
    cfg.configure(health::routes);
}

/// Every area's part of the OpenAPI document.
pub fn openapi_parts() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        health::openapi(),
        auth::openapi(),
        me::openapi(),
        conditions::openapi(),
        measurements::openapi(),
        questionnaires::openapi(),
        communities::openapi(),
        threads::openapi(),
        posts::openapi(),
        moderation::openapi(),
        notifications::openapi(),
        research::openapi(),
        studies::openapi(),
        consent::openapi(),
        exports::openapi(),
        admin::openapi(),
    ]
}

/// Registers the versioned API under `/api/v1`.
pub fn v1(cfg: &mut web::ServiceConfig) {
    // `/me/communities` and `/me/notifications` live in their areas; they go before `me` so
    // that no `/me/...` route could ever shadow them.
    cfg.configure(auth::routes)
        .configure(communities::routes)
        .configure(notifications::routes)
        .configure(research::routes)
        .configure(studies::routes)
        .configure(consent::routes)
        .configure(exports::routes)
        .configure(me::routes)
        .configure(conditions::routes)
        .configure(measurements::routes)
        .configure(questionnaires::routes)
        .configure(threads::routes)
        .configure(posts::routes)
        .configure(moderation::routes)
        .configure(admin::routes);
}
