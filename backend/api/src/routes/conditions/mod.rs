//! `/conditions`: the catalog.

pub mod create;
pub mod list;
pub mod suggestions_get;
pub mod suggestions_set;

use serde::Serialize;
use utoipa::ToSchema;

use crate::views::ConditionResponse;

area! {
    list::handler,
    create::handler,
    suggestions_get::handler,
    suggestions_set::handler,
}

/// The catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionList {
    /// Sorted by name.
    pub items: Vec<ConditionResponse>,
}
