//! Building and running the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::HttpServer;
use anyhow::Context;
use kindred_api::AppState;
use kindred_app::mail::{FileMailer, MailTransport, SmtpMailer};
use kindred_db::{DbPool, PoolOptions};

use crate::Settings;

/// A built server, bound to its port and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    metrics: Option<(u16, Server)>,
    state: AppState,
    mailer: Arc<dyn MailTransport>,
    mail_from: String,
    jobs: Arc<kindred_app::jobs::Handlers>,
    exporter: Option<Arc<kindred_app::research::export_writer::Exporter>>,
    shutdown_grace: std::time::Duration,
}

impl Application {
    /// Connects to the database (failing fast with the real cause), applies migrations, binds
    /// the listener (port 0 picks a free one) and builds the server.
    pub fn build(settings: Settings) -> anyhow::Result<Application> {
        let mailer = mail_transport(&settings)?;
        Self::build_with_mailer(settings, mailer)
    }

    /// Like [`Application::build`] with a given mail transport (tests record mail).
    pub fn build_with_mailer(
        mut settings: Settings,
        mailer: Arc<dyn MailTransport>,
    ) -> anyhow::Result<Application> {
        settings.ensure_secret()?;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        // With port 0 (tests, ad-hoc runs) the default public URL names the port really bound.
        if let Some(base) = settings.public_url.strip_suffix(":0") {
            settings.public_url = format!("{base}:{port}");
        }
        let pool = connect(&settings)?;
        pool.migrate().context("applying database migrations")?;
        secure_files(&settings.data_dir, &pool);
        seed_builtin_types(&pool)?;
        seed_questionnaires(&pool)?;
        let state = AppState::new(pool, settings.api_config())?;
        let app_state = state.clone();
        let mut server = HttpServer::new(move || kindred_api::app(app_state.clone()))
            .listen(listener)?
            .shutdown_timeout(10)
            // A client gets this long to send the request head; handlers that read a body
            // give it `body_timeout` (a slow or stalled body ends in 408).
            .client_request_timeout(std::time::Duration::from_secs(10))
            .client_disconnect_timeout(std::time::Duration::from_secs(5));
        if settings.workers > 0 {
            server = server.workers(settings.workers);
        }
        let metrics = match &settings.metrics_bind {
            Some(bind) => {
                let l = TcpListener::bind(bind)
                    .with_context(|| format!("cannot listen on {bind} (KINDRED_METRICS_BIND)"))?;
                let mport = l.local_addr()?.port();
                let st = state.clone();
                let s = HttpServer::new(move || kindred_api::metrics_app(st.clone()))
                    .listen(l)?
                    .workers(1)
                    .disable_signals()
                    .run();
                Some((mport, s))
            }
            None => None,
        };
        let exporter = settings.export_worker.then(|| {
            Arc::new(kindred_app::research::export_writer::Exporter {
                files: state.export_files.clone(),
                lease: chrono::TimeDelta::from_std(settings.export_lease)
                    .unwrap_or(chrono::TimeDelta::minutes(5)),
                retention: chrono::TimeDelta::days(settings.export_retention_days),
                batch_rows: settings.export_batch_rows,
            })
        });
        Ok(Application {
            port,
            server: server.run(),
            metrics,
            state,
            mailer,
            mail_from: settings.mail_from.clone(),
            jobs: Arc::new(crate::workers::jobs::handlers(&settings)),
            exporter,
            shutdown_grace: settings.shutdown_grace,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the separate metrics listener, when `KINDRED_METRICS_BIND` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(p, _)| *p)
    }

    /// A handle that stops the server (graceful: in-flight requests finish).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// The shared state (tests use its pool).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process is asked to stop. On the way out the HTTP server drains first;
    /// then one stop signal reaches every worker, and each finishes the work in flight within
    /// `Settings::shutdown_grace` (one deadline for all): the mail sender its batch (a sent
    /// message is recorded as sent; one not yet attempted keeps its row and goes out after the
    /// next start), the job runner its job (recorded as done, or failed and retried). When the
    /// workers stop within the grace, nothing that uses the database is left running when this
    /// returns, so the pool's connections close here and not in a thread racing the process's
    /// exit. Past the grace the work in flight is abandoned: a message whose delivery had not
    /// been recorded stays unsent, a job stays running under its lease, and each is retried
    /// once its lease lapses (it may then happen twice; it is never lost). A blocking thread
    /// cannot be interrupted: an abandoned job's handler may still be running on its own.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let Application {
            server,
            metrics,
            state,
            mailer,
            mail_from,
            jobs,
            exporter,
            shutdown_grace,
            ..
        } = self;
        let metrics = metrics.map(|(_, s)| {
            let handle = s.handle();
            (handle, tokio::spawn(s))
        });
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mail = crate::workers::mail_sender::Sender {
            pool: state.db.clone(),
            secret: state.config.secret.clone(),
            wakeup: state.mail_wakeup.clone(),
            transport: mailer,
            from: mail_from,
        };
        let mut sender = tokio::spawn(crate::workers::mail_sender::run(mail, stopped.clone()));
        let mut runner =
            tokio::spawn(crate::workers::jobs::run(state.db.clone(), jobs, stopped.clone()));
        let pool = state.db.clone();
        let mut exports = tokio::spawn(async move {
            if let Some(exporter) = exporter {
                crate::workers::exports::run(pool, exporter, stopped).await;
            }
        });
        let result = server.await;
        if let Some((handle, task)) = metrics {
            handle.stop(true).await;
            let _ = task.await;
        }
        let _ = stop.send(true);
        let deadline = tokio::time::Instant::now() + shutdown_grace;
        drain(
            &mut sender,
            deadline,
            "mail sender did not stop within the grace period; abandoning its batch",
        )
        .await;
        drain(
            &mut runner,
            deadline,
            "job runner did not stop within the grace period; abandoning its job \
             (it runs again once its lease lapses)",
        )
        .await;
        drain(
            &mut exports,
            deadline,
            "export worker did not stop within the grace period; abandoning its export \
             (it is written again once its lease lapses)",
        )
        .await;
        drop(state);
        result
    }
}

/// Waits for a worker until `deadline`; past it, stops waiting, logs `abandoned` and aborts
/// the task.
async fn drain(
    task: &mut tokio::task::JoinHandle<()>,
    deadline: tokio::time::Instant,
    abandoned: &str,
) {
    if tokio::time::timeout_at(deadline, &mut *task).await.is_err() {
        tracing::warn!("{abandoned}");
        task.abort();
        let _ = task.await;
    }
}

/// Makes the data directory private (0700) and the SQLite database files readable by the
/// server's user only (0600): they hold health data and password hashes. A looser mode found
/// at start-up is tightened, with a warning. SQLite creates its `-wal` and `-shm` files with
/// the database file's mode, so they follow.
pub fn secure_files(data_dir: &std::path::Path, pool: &DbPool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let tighten = |path: &std::path::Path, mode: u32| {
            let Ok(meta) = std::fs::metadata(path) else { return };
            let current = meta.permissions().mode() & 0o777;
            if current & !mode != 0 {
                tracing::warn!(
                    path = %path.display(),
                    mode = format!("{current:o}"),
                    "data file was readable by other users; tightening to {mode:o}"
                );
                if let Err(e) =
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                {
                    tracing::warn!(path = %path.display(), error = %e, "cannot tighten permissions");
                }
            }
        };
        tighten(data_dir, 0o700);
        tighten(&data_dir.join("outbox"), 0o700);
        if let kindred_db::DbUrl::Sqlite { path } = pool.url() {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                tighten(std::path::Path::new(&p), 0o600);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (data_dir, pool);
}

/// Opens the pool for the configured database.
pub fn connect(settings: &Settings) -> anyhow::Result<DbPool> {
    let opts = PoolOptions { max_size: settings.db_pool_size.max(2), ..PoolOptions::default() };
    Ok(DbPool::connect(&settings.database_url, opts)?)
}

/// The configured mail transport: SMTP when `KINDRED_SMTP_URL` is set, else `.eml` files in
/// `<data dir>/outbox/`.
pub fn mail_transport(settings: &Settings) -> anyhow::Result<Arc<dyn MailTransport>> {
    Ok(match &settings.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url).map_err(anyhow::Error::msg)?),
        None => Arc::new(FileMailer::new(settings.data_dir.join("outbox")).with_context(|| {
            format!("cannot create {}", settings.data_dir.join("outbox").display())
        })?),
    })
}

/// Inserts the built-in measurement types the database does not have yet.
pub fn seed_builtin_types(pool: &DbPool) -> anyhow::Result<()> {
    use kindred_db::models::measurement::MeasurementTypeRow;
    let now = kindred_db::now_utc().naive_utc();
    let rows = kindred_domain::measurement::seed_types()
        .into_iter()
        .map(|d| {
            Ok(MeasurementTypeRow {
                slug: d.slug.clone(),
                definition: serde_json::to_string(&d)?,
                builtin: true,
                created_at: now,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    pool.run(|c| kindred_db::queries::measurements::ensure_types(c, &rows))
        .context("seeding measurement types")?;
    Ok(())
}

/// Creates the seeded questionnaires (version 1, published) that do not exist yet.
pub fn seed_questionnaires(pool: &DbPool) -> anyhow::Result<()> {
    use kindred_db::models::questionnaire::{Questionnaire, QuestionnaireVersion};
    use kindred_db::queries::{conditions, questionnaires};
    for seed in kindred_domain::questionnaire::seeds::seeds() {
        let definition = serde_json::to_string(&seed.definition)?;
        let result = pool.run(|c| {
            kindred_db::write_tx(c, |c| {
                if questionnaires::find_by_slug(c, seed.slug)?.is_some() {
                    return Ok(());
                }
                let now = kindred_db::now_utc().naive_utc();
                let q = Questionnaire {
                    id: kindred_db::new_id(),
                    slug: seed.slug.into(),
                    title: seed.title.into(),
                    description: seed.description.into(),
                    licence: seed.licence.into(),
                    loinc_panel: seed.loinc_panel.map(str::to_string),
                    loinc_total: seed.loinc_total.map(str::to_string),
                    recommended_interval_days: seed.recommended_interval_days,
                    created_at: now,
                };
                questionnaires::insert(c, &q)?;
                for slug in seed.condition_slugs {
                    if let Some(cond) = conditions::find_by_slug(c, slug)? {
                        questionnaires::link_condition(c, &q.id, &cond.id)?;
                    }
                }
                questionnaires::insert_version(
                    c,
                    &QuestionnaireVersion {
                        id: kindred_db::new_id(),
                        questionnaire_id: q.id,
                        version: 1,
                        status: kindred_domain::questionnaire::VersionStatus::Published
                            .as_str()
                            .into(),
                        definition: definition.clone(),
                        created_at: now,
                        published_at: Some(now),
                        retired_at: None,
                    },
                )
            })
        });
        match result {
            // Another replica seeded it at the same moment.
            Err(kindred_db::DbError::UniqueViolation { .. }) | Ok(()) => {}
            Err(e) => {
                return Err(
                    anyhow::Error::from(e).context(format!("seeding questionnaire {}", seed.slug))
                )
            }
        }
    }
    Ok(())
}
