//! Spawning the real server and talking to it.

use kindred::{Application, Settings};
use kindred_db::DbPool;

use crate::TestDb;

/// A running server with its own database and data directory.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The port.
    pub port: u16,
    /// A client that keeps cookies (like a browser).
    pub client: reqwest::Client,
    /// A pool on the same database, for assertions on stored rows.
    pub pool: DbPool,
    /// The data directory (outbox, secret).
    pub data_dir: tempfile::TempDir,
    /// The database; dropped (and on PostgreSQL deleted) last.
    pub db: TestDb,
}

impl TestApp {
    /// The full URL of an API path under `/api/v1`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    /// The full URL of a root path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

/// The environment the server under test starts with.
pub fn test_env(db: &TestDb, data_dir: &std::path::Path) -> Vec<(String, String)> {
    [
        ("KINDRED_DATA_DIR", data_dir.display().to_string()),
        ("KINDRED_BIND", "127.0.0.1:0".to_string()),
        ("DATABASE_URL", db.url.clone()),
        ("KINDRED_SECRET", "test-secret-test-secret-test-secret-0123".to_string()),
        ("KINDRED_WORKERS", "2".to_string()),
        ("KINDRED_DB_POOL_SIZE", "8".to_string()),
        ("KINDRED_FRONTEND_DIR", data_dir.join("no-frontend").display().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Starts a server on a random port over a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server whose settings the test adjusts first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let db = TestDb::new();
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let mut settings = Settings::from_sources(&test_env(&db, data_dir.path())).expect("settings");
    adjust(&mut settings);
    let app = Application::build(settings).expect("build application");
    let port = app.port();
    let pool = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    TestApp { address: format!("http://127.0.0.1:{port}"), port, client, pool, data_dir, db }
}
