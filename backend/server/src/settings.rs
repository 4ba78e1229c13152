//! Settings: defaults that need nothing, overridden by an optional `kindred.toml`, overridden
//! by `KINDRED_*` environment variables (and `DATABASE_URL`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use kindred_domain::study::{DEFAULT_MIN_COHORT, MIN_COHORT_FLOOR};
use serde::Deserialize;

/// Every setting of the server.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the SQLite database, the outbox and the generated secret live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; default `sqlite://<data_dir>/kindred.db`.
    pub database_url: String,
    /// Address to listen on (`127.0.0.1:8080`; port 0 picks a free port).
    pub bind: String,
    /// The public base URL (links in emails).
    pub public_url: String,
    /// Origins allowed cross-origin.
    pub cors_origins: Vec<String>,
    /// The built web app to serve at `/`.
    pub frontend_dir: PathBuf,
    /// The secret that signs access tokens.
    pub secret: Secret,
    /// SMTP URL (`smtp://user:pass@host:587` STARTTLS, `smtps://` TLS); none = `.eml` files.
    pub smtp_url: Option<String>,
    /// Sender address of outgoing email.
    pub mail_from: String,
    /// Database pool size.
    pub db_pool_size: u32,
    /// HTTP worker threads (0 = one per core).
    pub workers: usize,
    /// Trust `X-Forwarded-For` from the proxy in front (only behind our own proxy).
    pub trust_forwarded: bool,
    /// How many proxies of our own stand in front (`KINDRED_TRUSTED_PROXIES`; default 1 when
    /// `trust_forwarded`, else 0): the client IP is the `X-Forwarded-For` entry that many hops
    /// from the right.
    pub trusted_proxies: usize,
    /// Requests per minute per IP on the authentication endpoints.
    pub auth_rate_limit_per_minute: u32,
    /// Thread and search reads per minute per account before the scraping guard answers 429
    /// and flags the account to admins.
    pub read_limit_per_minute: u32,
    /// The platform's minimum cohort size k (`KINDRED_MIN_COHORT`, default 11, at least 5).
    pub min_cohort: i32,
    /// Backoff after failed password checks.
    pub login_backoff: kindred_api::config::LoginBackoff,
    /// Emails of one kind to one address: at most one per this many seconds (300) …
    pub email_cooldown_secs: i64,
    /// … and at most this many a day (5).
    pub email_daily_limit: i64,
    /// Concurrent password hashes (`KINDRED_HASH_CONCURRENCY`; default cores − 1, at least 1).
    pub hash_concurrency: usize,
    /// Password checks that may wait for a hashing slot before 503 (64).
    pub hash_queue: usize,
    /// A separate listen address serving only `/metrics` (`KINDRED_METRICS_BIND`).
    pub metrics_bind: Option<String>,
    /// A bearer token that opens `/metrics` on the public listener (`KINDRED_METRICS_TOKEN`).
    pub metrics_token: Option<Secret>,
    /// How long a client may take to send a request body (30 s).
    pub body_timeout: std::time::Duration,
    /// How long a streaming data export waits for a client that stopped reading (30 s).
    pub export_stall_timeout: std::time::Duration,
    /// How long a stopping server waits for the mail sender's batch in flight (15 s).
    pub shutdown_grace: std::time::Duration,
    /// Days a research export's file is kept (`KINDRED_EXPORT_RETENTION_DAYS`, default 30).
    pub export_retention_days: i64,
    /// How long a research export's worker holds it without renewing its lease (5 min; it
    /// renews every third of that while it writes). A crashed worker's export is taken up
    /// again once this lapses.
    pub export_lease: std::time::Duration,
    /// How many rows a research export reads per query (20,000 measurements; a tenth as many
    /// responses, which bring their answers). Tests make it tiny to exercise every path.
    pub export_batch_rows: i64,
    /// Whether this server writes research exports (`KINDRED_EXPORT_WORKER`, default true).
    /// With several replicas, any number may; one claiming an export keeps the others off it.
    pub export_worker: bool,
}

/// A secret that never appears in logs or `Debug` output.
#[derive(Clone)]
pub struct Secret(pub Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(**redacted**)")
    }
}

/// The optional `kindred.toml`; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    bind: Option<String>,
    public_url: Option<String>,
    cors_origins: Option<Vec<String>>,
    frontend_dir: Option<PathBuf>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    db_pool_size: Option<u32>,
    workers: Option<usize>,
    trust_forwarded: Option<bool>,
    trusted_proxies: Option<usize>,
    auth_rate_limit_per_minute: Option<u32>,
    read_limit_per_minute: Option<u32>,
    min_cohort: Option<i32>,
    metrics_bind: Option<String>,
    export_retention_days: Option<i64>,
}

impl Settings {
    /// Loads settings from the process environment and `kindred.toml` (or `KINDRED_CONFIG`).
    pub fn load() -> anyhow::Result<Settings> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Self::from_sources(&env)
    }

    /// Loads settings from the given environment (tests pass their own).
    pub fn from_sources(env: &[(String, String)]) -> anyhow::Result<Settings> {
        let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let file_path = get("KINDRED_CONFIG").map(PathBuf::from);
        let file = match &file_path {
            Some(p) => read_file(p)?,
            None if Path::new("kindred.toml").is_file() => read_file(Path::new("kindred.toml"))?,
            None => FileSettings::default(),
        };
        let data_dir = get("KINDRED_DATA_DIR")
            .map(PathBuf::from)
            .or(file.data_dir)
            .unwrap_or_else(|| "data".into());
        let database_url = get("DATABASE_URL")
            .or_else(|| get("KINDRED_DATABASE_URL"))
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("kindred.db").display()));
        let bind = get("KINDRED_BIND").or(file.bind).unwrap_or_else(|| "127.0.0.1:8080".into());
        let public_url = get("KINDRED_PUBLIC_URL")
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let cors_origins = match get("KINDRED_CORS_ORIGINS") {
            Some(v) => {
                v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
            }
            None => file.cors_origins.unwrap_or_default(),
        };
        for o in &cors_origins {
            if o == "*" || !(o.starts_with("http://") || o.starts_with("https://")) {
                bail!("KINDRED_CORS_ORIGINS: {o:?} is not an origin like https://app.example.org");
            }
        }
        let frontend_dir = get("KINDRED_FRONTEND_DIR")
            .map(PathBuf::from)
            .or(file.frontend_dir)
            .unwrap_or_else(|| "frontend/dist".into());
        let number = |k: &str| -> anyhow::Result<Option<u64>> {
            get(k)
                .map(|v| v.parse::<u64>().with_context(|| format!("{k} must be a number")))
                .transpose()
        };
        let db_pool_size =
            number("KINDRED_DB_POOL_SIZE")?.map(|n| n as u32).or(file.db_pool_size).unwrap_or(10);
        let workers = number("KINDRED_WORKERS")?.map(|n| n as usize).or(file.workers).unwrap_or(0);
        let trust_forwarded = match get("KINDRED_TRUST_FORWARDED").as_deref() {
            Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => bail!("KINDRED_TRUST_FORWARDED must be true or false, not {other:?}"),
            None => file.trust_forwarded.unwrap_or(false),
        };
        let trusted_proxies = number("KINDRED_TRUSTED_PROXIES")?
            .map(|n| n as usize)
            .or(file.trusted_proxies)
            .unwrap_or(usize::from(trust_forwarded));
        if trusted_proxies > 0 && !trust_forwarded {
            bail!("KINDRED_TRUSTED_PROXIES needs KINDRED_TRUST_FORWARDED=true");
        }
        let hash_concurrency = number("KINDRED_HASH_CONCURRENCY")?
            .map(|n| n as usize)
            .unwrap_or_else(kindred_api::config::default_hash_concurrency)
            .max(1);
        let metrics_token = match get("KINDRED_METRICS_TOKEN").filter(|s| !s.is_empty()) {
            Some(t) if t.len() >= 16 => Some(Secret(t.into_bytes())),
            Some(_) => bail!("KINDRED_METRICS_TOKEN must be at least 16 characters"),
            None => None,
        };
        let auth_rate_limit_per_minute = number("KINDRED_AUTH_RATE_LIMIT")?
            .map(|n| n as u32)
            .or(file.auth_rate_limit_per_minute)
            .unwrap_or(30);
        let read_limit_per_minute = number("KINDRED_READ_LIMIT")?
            .map(|n| n as u32)
            .or(file.read_limit_per_minute)
            .unwrap_or(300)
            .max(1);
        let min_cohort = match number("KINDRED_MIN_COHORT")?.map(|n| n as i64) {
            Some(n) => n,
            None => file.min_cohort.map(i64::from).unwrap_or(DEFAULT_MIN_COHORT.into()),
        };
        if min_cohort < MIN_COHORT_FLOOR.into() || min_cohort > 1_000 {
            bail!("KINDRED_MIN_COHORT must be between {MIN_COHORT_FLOOR} and 1000");
        }
        let min_cohort = min_cohort as i32;
        let export_retention_days = match number("KINDRED_EXPORT_RETENTION_DAYS")? {
            Some(n) => n as i64,
            None => {
                file.export_retention_days.unwrap_or(kindred_domain::export::DEFAULT_RETENTION_DAYS)
            }
        };
        if !(1..=3650).contains(&export_retention_days) {
            bail!("KINDRED_EXPORT_RETENTION_DAYS must be between 1 and 3650");
        }
        let secret = match get("KINDRED_SECRET") {
            Some(s) if s.len() >= 32 => Secret(s.into_bytes()),
            Some(_) => bail!("KINDRED_SECRET must be at least 32 characters"),
            None => Secret(Vec::new()), // filled by `ensure_secret` once the data dir exists
        };
        Ok(Settings {
            data_dir,
            database_url,
            bind,
            public_url,
            cors_origins,
            frontend_dir,
            secret,
            smtp_url: get("KINDRED_SMTP_URL").or(file.smtp_url).filter(|s| !s.is_empty()),
            mail_from: get("KINDRED_MAIL_FROM")
                .or(file.mail_from)
                .unwrap_or_else(|| "Kindred <no-reply@kindred.localhost>".into()),
            db_pool_size,
            workers,
            trust_forwarded,
            trusted_proxies,
            auth_rate_limit_per_minute,
            read_limit_per_minute,
            min_cohort,
            login_backoff: kindred_api::config::LoginBackoff::default(),
            email_cooldown_secs: 300,
            email_daily_limit: 5,
            hash_concurrency,
            hash_queue: 64,
            metrics_bind: get("KINDRED_METRICS_BIND")
                .or(file.metrics_bind)
                .filter(|s| !s.is_empty()),
            metrics_token,
            body_timeout: std::time::Duration::from_secs(30),
            export_stall_timeout: std::time::Duration::from_secs(30),
            shutdown_grace: std::time::Duration::from_secs(15),
            export_retention_days,
            export_lease: std::time::Duration::from_secs(300),
            export_batch_rows: kindred_app::research::export_writer::BATCH_ROWS,
            export_worker: get("KINDRED_EXPORT_WORKER").is_none_or(|v| v != "false" && v != "0"),
        })
    }

    /// Creates the data directory and, when no secret was configured, loads or generates one
    /// kept in `<data_dir>/secret.key` (readable by the owner only).
    pub fn ensure_secret(&mut self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("cannot create data directory {}", self.data_dir.display()))?;
        if !self.secret.0.is_empty() {
            return Ok(());
        }
        let path = self.data_dir.join("secret.key");
        if path.is_file() {
            let s = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let bytes =
                hex::decode(s.trim()).with_context(|| format!("{} is not hex", path.display()))?;
            if bytes.len() < 32 {
                bail!("{} holds fewer than 32 bytes", path.display());
            }
            self.secret = Secret(bytes);
            return Ok(());
        }
        let bytes: [u8; 32] = rand::random();
        write_private(&path, &hex::encode(bytes))?;
        self.secret = Secret(bytes.to_vec());
        Ok(())
    }

    /// The HTTP layer's part of the settings.
    pub fn api_config(&self) -> kindred_api::ApiConfig {
        kindred_api::ApiConfig {
            public_url: self.public_url.clone(),
            cors_origins: self.cors_origins.clone(),
            frontend_dir: Some(self.frontend_dir.clone()),
            secret: self.secret.0.clone(),
            trusted_proxies: if self.trust_forwarded { self.trusted_proxies } else { 0 },
            auth_rate_limit_per_minute: self.auth_rate_limit_per_minute,
            read_limit_per_minute: self.read_limit_per_minute,
            min_cohort: self.min_cohort,
            login_backoff: self.login_backoff,
            email_cooldown_secs: self.email_cooldown_secs,
            email_daily_limit: self.email_daily_limit,
            hash_concurrency: self.hash_concurrency,
            hash_queue: self.hash_queue,
            metrics_token: self
                .metrics_token
                .as_ref()
                .map(|t| String::from_utf8_lossy(&t.0).into_owned()),
            body_timeout: self.body_timeout,
            export_stall_timeout: self.export_stall_timeout,
            data_dir: self.data_dir.clone(),
            ..kindred_api::ApiConfig::default()
        }
    }
}

fn read_file(p: &Path) -> anyhow::Result<FileSettings> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    toml::from_str(&text).with_context(|| format!("invalid settings file {}", p.display()))
}

fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(content.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_need_nothing() {
        let s = Settings::from_sources(&[]).unwrap();
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite://data/kindred.db");
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn env_overrides_and_validates() {
        let s = Settings::from_sources(&env(&[
            ("KINDRED_DATA_DIR", "/tmp/k"),
            ("KINDRED_CORS_ORIGINS", "https://a.org, http://b.org"),
        ]))
        .unwrap();
        assert_eq!(s.database_url, "sqlite:///tmp/k/kindred.db");
        assert_eq!(s.cors_origins, vec!["https://a.org", "http://b.org"]);
        assert!(Settings::from_sources(&env(&[("KINDRED_CORS_ORIGINS", "*")])).is_err());
        assert!(Settings::from_sources(&env(&[("KINDRED_SECRET", "short")])).is_err());
        assert!(Settings::from_sources(&env(&[("KINDRED_DB_POOL_SIZE", "x")])).is_err());
    }

    #[test]
    fn secret_is_generated_once_and_kept() {
        let dir = tempfile_dir();
        let mut a =
            Settings::from_sources(&env(&[("KINDRED_DATA_DIR", dir.to_str().unwrap())])).unwrap();
        a.ensure_secret().unwrap();
        let mut b =
            Settings::from_sources(&env(&[("KINDRED_DATA_DIR", dir.to_str().unwrap())])).unwrap();
        b.ensure_secret().unwrap();
        assert_eq!(a.secret.0.len(), 32);
        assert_eq!(a.secret.0, b.secret.0);
        assert!(!format!("{:?}", a.secret).contains(&hex::encode(&a.secret.0)));
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("kindred-settings-{}", rand::random::<u64>()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
