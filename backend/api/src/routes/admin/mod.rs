//! `/admin/*`: account administration and the audit log (admins only).

pub mod audit_list;
pub mod users_list;
pub mod users_suspend;
pub mod users_unsuspend;

use actix_web::web;

/// Registers the routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(users_list::handler)
        .service(users_suspend::handler)
        .service(users_unsuspend::handler)
        .service(audit_list::handler);
}
