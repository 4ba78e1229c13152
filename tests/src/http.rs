//! Spawning the real server and talking to it.

use std::sync::Arc;

use kindred::{Application, Settings};
use kindred_db::DbPool;
use serde_json::{json, Value};

use crate::{RecordingMailer, TestDb};

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
    /// Every email the server delivered.
    pub mail: Arc<RecordingMailer>,
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

    /// POSTs JSON to an API path (no auth).
    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client.post(self.api(path)).json(body).send().await.expect("request")
    }

    /// Sends an authenticated request with an optional JSON body.
    pub async fn authed(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut r = self.client.request(method, self.api(path)).bearer_auth(token);
        if let Some(b) = body {
            r = r.json(b);
        }
        r.send().await.expect("request")
    }

    /// GETs an API path with a bearer token.
    pub async fn get_authed(&self, path: &str, token: &str) -> reqwest::Response {
        self.authed(reqwest::Method::GET, path, token, None).await
    }

    /// The `/metrics` text, read with a bearer token (the server must have `metrics_token`).
    pub async fn metrics(&self, token: &str) -> String {
        let res = self.client.get(self.url("/metrics")).bearer_auth(token).send().await;
        res.expect("request").text().await.expect("metrics text")
    }

    /// Registers an account and confirms its email through the link in the email.
    pub async fn register_verified(&self, email: &str, handle: &str, password: &str) {
        let res = self
            .post(
                "/auth/register",
                &json!({"email": email, "password": password, "handle": handle}),
            )
            .await;
        assert_eq!(res.status(), 202, "register {email}: {}", res.text().await.unwrap_or_default());
        let mail = self.mail.wait_for(email, "Confirm your email").await;
        let (_, token) = crate::mail::link_with_token(&mail, "/verify-email");
        let res = self.post("/auth/verify-email", &json!({"token": token})).await;
        assert_eq!(res.status(), 200);
    }

    /// Logs in; returns the whole response body (access_token, refresh_token, user).
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let res = self.post("/auth/login", &json!({"email": email, "password": password})).await;
        assert_eq!(res.status(), 200, "login {email}");
        res.json().await.expect("login body")
    }

    /// A verified patient, logged in: returns the access token.
    pub async fn patient(&self, name: &str) -> String {
        let email = format!("{name}@example.org");
        self.register_verified(&email, name, PASSWORD).await;
        self.login(&email, PASSWORD).await["access_token"].as_str().expect("token").to_string()
    }

    /// An admin created through the CLI, logged in: returns the access token.
    pub async fn admin(&self) -> String {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            kindred::admin::create_admin(&pool, "admin@example.org", "admin", PASSWORD)
        })
        .await
        .unwrap()
        .expect("create admin");
        self.login("admin@example.org", PASSWORD).await["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// A password that passes the policy, for test accounts.
pub const PASSWORD: &str = "plum-harbour-violet-42";

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
    spawn_app_on(db, data_dir, Mail::Recorded, adjust).await.0
}

/// How the server under test delivers mail.
pub enum Mail {
    /// Recorded in memory ([`TestApp::mail`]).
    Recorded,
    /// The default transport: `.eml` files in `<data dir>/outbox`.
    Files,
}

/// Starts a server over a database and data directory the test prepared; also returns the
/// port of the separate metrics listener (when `metrics_bind` is set).
pub async fn spawn_app_on(
    db: TestDb,
    data_dir: tempfile::TempDir,
    mail: Mail,
    adjust: impl FnOnce(&mut Settings),
) -> (TestApp, Option<u16>) {
    let mut settings = Settings::from_sources(&test_env(&db, data_dir.path())).expect("settings");
    adjust(&mut settings);
    let recorder = Arc::new(RecordingMailer::default());
    let app = match mail {
        Mail::Recorded => Application::build_with_mailer(settings, recorder.clone()),
        Mail::Files => Application::build(settings),
    }
    .expect("build application");
    let (port, metrics_port) = (app.port(), app.metrics_port());
    let pool = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    let app = TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client,
        pool,
        data_dir,
        mail: recorder,
        db,
    };
    (app, metrics_port)
}
