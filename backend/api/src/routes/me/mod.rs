//! `/me/*`: the signed-in member's own account, sessions, data and conditions.

pub mod change_password;
pub mod conditions_add;
pub mod conditions_list;
pub mod conditions_remove;
pub mod delete;
pub mod export;
pub mod get;
pub mod sessions_list;
pub mod sessions_revoke;
pub mod update;

use actix_web::web;

/// Registers the routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get::handler)
        .service(update::handler)
        .service(delete::handler)
        .service(change_password::handler)
        .service(sessions_list::handler)
        .service(sessions_revoke::handler)
        .service(export::handler)
        .service(conditions_list::handler)
        .service(conditions_add::handler)
        .service(conditions_remove::handler);
}
