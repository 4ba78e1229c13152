//! Queries, one module per area.

pub mod audit;
pub mod health;
