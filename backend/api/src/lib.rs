//! Kindred's HTTP API: the only crate that knows actix-web.
//!
//! Handlers are thin: parse the request into domain types, run one unit of work on the
//! database through [`AppState::db`], and map rows to response DTOs.

pub mod app;
pub mod auth;
pub mod config;
pub mod error;
pub mod fields;
pub mod json;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod pagination;
pub mod request_span;
pub mod routes;
pub mod state;
pub mod views;

pub use app::{app, metrics_app};
pub use config::ApiConfig;
pub use error::ApiError;
pub use json::Json;
pub use state::AppState;
