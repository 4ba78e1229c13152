//! `/conditions`: the catalog.

pub mod create;
pub mod list;

use serde::Serialize;
use utoipa::ToSchema;

use crate::views::ConditionResponse;

area! {
    list::handler,
    create::handler,
}

/// The catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionList {
    /// Sorted by name.
    pub items: Vec<ConditionResponse>,
}
