//! Apple Health import (DESIGN §6.5): the member uploads the `export.zip` the Health app
//! writes; it waits under `<data dir>/imports` while a background job reads its `export.xml`
//! as a stream (see [`kindred_domain::measurement::apple_health`]) and stores the readings in
//! batches, idempotently (each reading's `client_id` comes from the record), recording
//! progress the member can follow. A dry run reads the file in the request and stores nothing.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use kindred_db::models::measurement::HealthImport;
use kindred_db::queries::measurements;
use kindred_db::DbConn;
use kindred_domain::measurement::apple_health::{read_export, AppleHealthError};
use kindred_domain::measurement::{find_type, validate, MeasurementTypeDef};
use kindred_domain::FieldError;

use super::TypeCache;
use crate::authz::Owner;
use crate::jobs::JobLease;
use crate::AppError;

/// The job kind.
pub const KIND: &str = "apple_health_import";

/// The largest `export.xml` (uncompressed) read: a larger declared size is refused before
/// anything is read.
pub const MAX_XML_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Readings stored per transaction.
const BATCH: usize = 1000;

/// Where uploads wait.
#[derive(Debug, Clone)]
pub struct ImportFiles {
    dir: PathBuf,
}

impl ImportFiles {
    /// `<data_dir>/imports`, created if missing.
    pub fn new(data_dir: &Path) -> std::io::Result<Self> {
        let dir = data_dir.join("imports");
        std::fs::create_dir_all(&dir)?;
        Ok(ImportFiles { dir })
    }

    /// The upload of import `id` (ids are UUIDs, safe as file names).
    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.zip"))
    }
}

fn bad(code: &'static str, message: &str) -> AppError {
    FieldError::new("body", code, message).into()
}

/// Finds `export.xml` in the zip and checks its declared size; returns its size.
pub fn check_zip(path: &Path) -> Result<u64, AppError> {
    let file = File::open(path).map_err(AppError::internal)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| {
        bad("not_a_zip", "This is not a zip file: upload the export.zip the Health app made.")
    })?;
    let index = export_index(&mut zip)?;
    let entry = zip.by_index(index).map_err(|_| bad("not_a_zip", "The zip file is damaged."))?;
    if entry.size() > MAX_XML_BYTES {
        return Err(bad(
            "too_large",
            &format!(
                "export.xml is {} GB; at most {} GB can be imported.",
                entry.size() / 1_000_000_000,
                MAX_XML_BYTES / 1_000_000_000
            ),
        ));
    }
    Ok(entry.size())
}

fn export_index(zip: &mut zip::ZipArchive<File>) -> Result<usize, AppError> {
    (0..zip.len())
        .find(|&i| {
            zip.name_for_index(i).is_some_and(|n| n == "export.xml" || n.ends_with("/export.xml"))
        })
        .ok_or_else(|| {
            bad(
                "no_export_xml",
                "This zip has no export.xml: upload the export.zip the Health app made.",
            )
        })
}

/// A reader that counts what it read (for progress).
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

fn malformed(e: AppleHealthError) -> AppError {
    bad("malformed_export", &format!("The export cannot be read: {e}."))
}

/// What a dry run found, per Kindred type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeSummary {
    /// Plausible readings.
    pub readings: u64,
    /// Readings outside the type's plausible range (they would be skipped).
    pub implausible: u64,
    /// The first reading's time.
    pub first: Option<DateTime<Utc>>,
    /// The last reading's time.
    pub last: Option<DateTime<Utc>>,
}

/// A dry run's report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DryRun {
    /// By type slug.
    pub types: BTreeMap<String, TypeSummary>,
    /// Records of kinds Kindred does not track, or unreadable.
    pub ignored: u64,
}

/// Reads the upload and reports what an import would store, storing nothing.
pub fn dry_run(defs: &[MeasurementTypeDef], path: &Path) -> Result<DryRun, AppError> {
    let file = File::open(path).map_err(AppError::internal)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| bad("not_a_zip", "Not a zip file."))?;
    let index = export_index(&mut zip)?;
    let entry = zip.by_index(index).map_err(|_| bad("not_a_zip", "The zip file is damaged."))?;
    let now = Utc::now();
    let mut out = DryRun::default();
    let stats = read_export(BufReader::with_capacity(1 << 16, entry), |m| {
        let Some(def) = find_type(defs, &m.type_slug) else { return Ok::<_, AppError>(()) };
        let t = out.types.entry(def.slug.clone()).or_default();
        match validate(def, &m, now) {
            Ok(v) => {
                t.readings += 1;
                t.first = Some(t.first.map_or(v.taken_at, |f| f.min(v.taken_at)));
                t.last = Some(t.last.map_or(v.taken_at, |l| l.max(v.taken_at)));
            }
            Err(_) => t.implausible += 1,
        }
        Ok(())
    })?;
    out.ignored = stats.other_types + stats.unreadable;
    Ok(out)
}

impl From<AppleHealthError> for AppError {
    fn from(e: AppleHealthError) -> Self {
        malformed(e)
    }
}

/// Records an upload (already checked with [`check_zip`]) and queues the job that imports it.
pub fn queue(
    c: &mut DbConn,
    owner: &Owner,
    id: &str,
    xml_bytes: u64,
) -> Result<HealthImport, AppError> {
    let row = HealthImport {
        id: id.to_string(),
        user_id: owner.id().to_string(),
        state: "queued".into(),
        bytes_total: i64::try_from(xml_bytes).unwrap_or(i64::MAX),
        bytes_done: 0,
        readings: 0,
        imported: 0,
        skipped: 0,
        error: None,
        created_at: kindred_db::now_utc().naive_utc(),
        finished_at: None,
    };
    kindred_db::write_tx(c, |c| {
        measurements::insert_health_import(c, &row)?;
        kindred_db::queries::jobs::enqueue(
            c,
            KIND,
            &serde_json::json!({"id": id}),
            kindred_db::now_utc(),
            3,
        )?;
        Ok::<_, AppError>(())
    })?;
    Ok(row)
}

/// One of the owner's imports; another member's is not found.
pub fn status(c: &mut DbConn, owner: &Owner, id: &str) -> Result<HealthImport, AppError> {
    measurements::find_health_import(c, owner.id(), id)?.ok_or(AppError::NotFound)
}

/// Registers the job that runs imports.
pub fn register(handlers: &mut crate::jobs::Handlers, files: ImportFiles, types: TypeCache) {
    handlers.on_long(KIND, move |c, payload, lease| {
        let id = payload["id"].as_str().unwrap_or_default().to_string();
        run(c, &files, &types, &id, lease)
    });
}

/// Runs one import (the job): safe to run again after a crash (readings already stored are
/// recognised by their client id). A file that cannot be read fails the import for good. The
/// job's lease is renewed with every batch, so a long import is never claimed twice; if it
/// was (this worker stalled past the lease), this run stops at its next batch.
pub fn run(
    c: &mut DbConn,
    files: &ImportFiles,
    types: &TypeCache,
    id: &str,
    lease: &JobLease,
) -> Result<(), AppError> {
    let path = files.path(id);
    let Some(mut row) = measurements::health_import(c, id)? else {
        // The member's account was erased meanwhile: nothing to import.
        let _ = std::fs::remove_file(&path);
        return Ok(());
    };
    if row.state == "done" || row.state == "failed" {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    row.state = "running".into();
    row.bytes_done = 0;
    kindred_db::write_tx(c, |c| measurements::update_health_import(c, &row))?;
    let outcome = import_file(c, types, &path, &mut row, lease);
    match outcome {
        Ok(()) => {
            row.state = "done".into();
            row.bytes_done = row.bytes_total;
        }
        Err(AppError::Validation(e)) => {
            row.state = "failed".into();
            row.error = e.0.first().map(|f| f.message.clone());
        }
        // The database went away: the job is retried, and resumes where it stopped.
        Err(other) => return Err(other),
    }
    row.finished_at = Some(kindred_db::now_utc().naive_utc());
    kindred_db::write_tx(c, |c| measurements::update_health_import(c, &row))?;
    let _ = std::fs::remove_file(&path);
    Ok(())
}

fn import_file(
    c: &mut DbConn,
    types: &TypeCache,
    path: &Path,
    row: &mut HealthImport,
    lease: &JobLease,
) -> Result<(), AppError> {
    let defs = types.get(c)?;
    let file = File::open(path).map_err(|_| bad("missing", "The uploaded file is gone."))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| bad("not_a_zip", "Not a zip file."))?;
    let index = export_index(&mut zip)?;
    let entry = zip.by_index(index).map_err(|_| bad("not_a_zip", "The zip file is damaged."))?;
    let read = Rc::new(Cell::new(0u64));
    let counting = Counting { inner: entry, read: read.clone() };
    let now = Utc::now();
    let user_id = row.user_id.clone();
    let mut batch = Vec::with_capacity(BATCH);
    row.readings = 0;
    row.imported = 0;
    row.skipped = 0;
    let flush = |c: &mut DbConn,
                 batch: &mut Vec<kindred_domain::measurement::ValidMeasurement>,
                 row: &mut HealthImport|
     -> Result<(), AppError> {
        let stored = kindred_db::write_tx(c, |c| {
            let new = super::store_new_in_tx(c, &user_id, batch, true)? as i64;
            row.bytes_done = i64::try_from(read.get()).unwrap_or(i64::MAX);
            row.imported += new;
            row.skipped += batch.len() as i64 - new;
            measurements::update_health_import(c, row)?;
            lease.renew(c)
        });
        batch.clear();
        stored
    };
    read_export(BufReader::with_capacity(1 << 16, counting), |m| {
        row.readings += 1;
        let Some(def) = find_type(&defs, &m.type_slug) else {
            row.skipped += 1;
            return Ok::<_, AppError>(());
        };
        match validate(def, &m, now) {
            Ok(v) => batch.push(v),
            Err(_) => row.skipped += 1,
        }
        if batch.len() >= BATCH {
            flush(c, &mut batch, row)?;
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        flush(c, &mut batch, row)?;
    }
    Ok(())
}
