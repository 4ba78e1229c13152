//! `/conditions`: the catalog.

pub mod create;
pub mod list;

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;

use crate::views::ConditionResponse;

/// Registers the routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(list::handler).service(create::handler);
}

/// The catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionList {
    /// Sorted by name.
    pub items: Vec<ConditionResponse>,
}
