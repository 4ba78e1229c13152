//! Building and running the HTTP server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::HttpServer;
use anyhow::Context;
use kindred_api::AppState;
use kindred_db::{DbPool, PoolOptions};

use crate::Settings;

/// A built server, bound to its port and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Connects to the database (failing fast with the real cause), applies migrations, binds
    /// the listener (port 0 picks a free one) and builds the server.
    pub fn build(mut settings: Settings) -> anyhow::Result<Application> {
        settings.ensure_secret()?;
        let pool = connect(&settings)?;
        pool.migrate().context("applying database migrations")?;
        let state = AppState::new(pool, settings.api_config());
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let app_state = state.clone();
        let mut server = HttpServer::new(move || kindred_api::app(app_state.clone()))
            .listen(listener)?
            .shutdown_timeout(10);
        if settings.workers > 0 {
            server = server.workers(settings.workers);
        }
        Ok(Application { port, server: server.run(), state })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The shared state (tests use its pool).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process is asked to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the pool for the configured database.
pub fn connect(settings: &Settings) -> anyhow::Result<DbPool> {
    let opts = PoolOptions { max_size: settings.db_pool_size.max(2), ..PoolOptions::default() };
    Ok(DbPool::connect(&settings.database_url, opts)?)
}
