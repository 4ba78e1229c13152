//! Liveness, readiness and metrics.

pub mod healthz;
pub mod metrics;
pub mod readyz;

use serde::Serialize;

area! {
    healthz::handler,
    readyz::handler,
    metrics::handler,
}
use utoipa::ToSchema;

/// Health status.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// `ok` (alive) or `ready` (can serve requests).
    pub status: String,
    /// The running version.
    pub version: String,
}
