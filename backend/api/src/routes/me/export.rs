//! `GET /me/export`

use std::io::Write;

use actix_web::web::Bytes;
use actix_web::{get, web, HttpResponse};
use kindred_db::queries::privacy::{self, ExportPart};
use kindred_db::DbError;
use tokio::sync::mpsc;

use crate::auth::AuthUser;
use crate::state::Busy;
use crate::{ApiError, AppState};

/// Bytes gathered before a chunk is handed to the response.
const CHUNK: usize = 64 * 1024;

/// Everything Kindred holds about me, as one JSON document (a download). The document is
/// streamed: rows go from the database to the response a page at a time, inside one read-only
/// snapshot that holds up no writer. One export per account at a time; a download that stops
/// being read for 30 seconds is abandoned.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "me", security(("bearer" = [])),
    responses((status = 200, description = "JSON document with one key per kind of data", body = Object),
              (status = 401, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "An export of this account is already running"),
              (status = 503, body = crate::error::Problem, description = "Too many exports at once; retry")))]
#[get("/me/export")]
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let guard = state.exports.begin(&user.id).map_err(|busy| match busy {
        Busy::Same => ApiError::TooManyRequests {
            retry_after: 10,
            detail: "An export of your data is already being prepared. Wait for it to finish."
                .into(),
        },
        Busy::Full => ApiError::Unavailable("too many data exports at once".into()),
    })?;
    // The audit row commits in its own short transaction; the export itself writes nothing.
    let owner = user.owner();
    state.db(move |c| Ok(kindred_app::accounts::profile::exported(c, &owner)?)).await?;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let pool = state.db.clone();
    let uid = user.id;
    let (rt, stall) = (tokio::runtime::Handle::current(), state.config.export_stall_timeout);
    tokio::task::spawn_blocking(move || {
        let _guard = guard;
        let mut w = Writer { buf: Vec::with_capacity(CHUNK), tx, rt, stall };
        let result = pool.run(|c| kindred_db::read_snapshot(c, |c| w.document(c, &uid)));
        if let Err(e) = result {
            tracing::error!(error = %e, "data export failed part-way");
            // Never wait here: the client may be the reason it failed.
            let _ = w.tx.try_send(Err(std::io::Error::other("export failed")));
        }
    });
    let body =
        futures_util::stream::unfold(
            rx,
            |mut rx| async move { rx.recv().await.map(|item| (item, rx)) },
        );
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Content-Disposition", "attachment; filename=\"kindred-export.json\""))
        .streaming(body))
}

/// Writes the document into chunks sent to the response.
struct Writer {
    buf: Vec<u8>,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    /// The runtime, to wait for room in the channel with a deadline.
    rt: tokio::runtime::Handle,
    /// How long to wait for the client to take a chunk.
    stall: std::time::Duration,
}

impl Writer {
    fn document(&mut self, c: &mut kindred_db::DbConn, uid: &str) -> Result<(), DbError> {
        let generated = kindred_db::now_utc().to_rfc3339();
        let _ = write!(
            self.buf,
            "{{\"format\":\"kindred-export/1\",\"generated_at\":\"{generated}\",\"data\":{{"
        );
        let mut keys = 0;
        let mut single = false;
        let mut rows = 0;
        privacy::export_each::<DbError>(c, uid, &mut |part| {
            match part {
                ExportPart::Begin { key, single: s } => {
                    if keys > 0 {
                        self.buf.push(b',');
                    }
                    keys += 1;
                    single = s;
                    rows = 0;
                    let _ = write!(self.buf, "\"{key}\":");
                    if !single {
                        self.buf.push(b'[');
                    }
                }
                ExportPart::Row(v) => {
                    if rows > 0 {
                        self.buf.push(b',');
                    }
                    rows += 1;
                    serde_json::to_writer(&mut self.buf, &v)
                        .map_err(|e| DbError::Unavailable(e.to_string()))?;
                }
                ExportPart::End => match (single, rows) {
                    (true, 0) => self.buf.extend_from_slice(b"null"),
                    (true, _) => {}
                    (false, _) => self.buf.push(b']'),
                },
            }
            self.flush(false)
        })?;
        self.buf.extend_from_slice(b"}}");
        self.flush(true)
    }

    fn flush(&mut self, all: bool) -> Result<(), DbError> {
        if self.buf.is_empty() || (!all && self.buf.len() < CHUNK) {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        // Runs on a blocking thread, so waiting on the runtime here is allowed. A client that
        // stops reading is given up on after the stall timeout: the snapshot, the connection
        // and the account's export slot are released.
        let sent = self.rt.block_on(tokio::time::timeout(self.stall, self.tx.send(Ok(chunk))));
        match sent {
            Ok(Ok(())) => Ok(()),
            _ => Err(DbError::Unavailable("the client stopped reading the export".into())),
        }
    }
}
