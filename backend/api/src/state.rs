//! Shared application state.

use std::sync::Arc;

use actix_web::web;
use kindred_db::{DbConn, DbPool};

use crate::metrics::Metrics;
use crate::{ApiConfig, ApiError};

/// Everything a handler needs, passed in from `main` (no global statics).
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DbPool,
    /// HTTP-layer settings.
    pub config: Arc<ApiConfig>,
    /// The metrics registry.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Builds the state.
    pub fn new(db: DbPool, config: ApiConfig) -> Self {
        Self { db, config: Arc::new(config), metrics: Arc::new(Metrics::default()) }
    }

    /// Runs one unit of work on a pooled connection in a single hop to the blocking pool.
    /// The connection is never held across an `.await`.
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.db.clone();
        web::block(move || pool.run(f)).await.map_err(ApiError::internal)?
    }
}
