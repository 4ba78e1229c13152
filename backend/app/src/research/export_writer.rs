//! The export worker: claims a queued export under a lease, writes its zip row by row, and
//! marks it ready only once the whole file is on disk.
//!
//! Crash safety. A claim counts as an attempt and holds a lease the worker renews as it
//! writes. Attempt `n` writes `<id>-a<n>.zip.part`, fsyncs it, renames it to `<id>-a<n>.zip`,
//! and only then marks the export ready — fenced by its attempt, in one transaction with the
//! data-access rows, the audit event and the requester's notification. A worker that crashes
//! leaves a running export whose lease lapses; the next claim (by any replica, after restart
//! or not) deletes the earlier attempts' files and starts again, and a claim past
//! [`MAX_ATTEMPTS`] marks it failed. So an export is never left running, never ready with a
//! partial file, and two replicas never both finish one export (the second's fenced writes
//! change nothing, and it deletes its own file).
//!
//! Memory stays flat: rows are read for batches of participants, at most [`BATCH_ROWS`] at a
//! time (a participant with more is read alone in chunks of that size), and written
//! straight into the zip; only the participant list (one entry each) is held.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::time::Instant;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use kindred_db::models::export::{DataAccess, Export};
use kindred_db::models::questionnaire::QuestionnaireVersion;
use kindred_db::models::study::{ConsentEvent, Study};
use kindred_db::queries::exports::{self as q, Finished};
use kindred_db::queries::{audit, consents, measurements, questionnaires, studies};
use kindred_db::{DbConn, DbError, DbPool};
use kindred_domain::audit::Action;
use kindred_domain::export::{
    age_band, csv_line, csv_write, cut_categories, json_object, readme, Cell, ConditionRow,
    ExportFormat, ItemRow, MeasurementRow, ParticipantRow, ResponseRow, Row, Table, When,
    MAX_ATTEMPTS,
};
use kindred_domain::fhir;
use kindred_domain::measurement::MeasurementTypeDef;
use kindred_domain::questionnaire::{Definition, ItemType};
use kindred_domain::study::{Category, DateMode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::exports::{cohort_too_small, ExportFiles};
use crate::AppError;

/// Runs exports: claims, writes, records.
#[derive(Debug, Clone)]
pub struct Exporter {
    /// Where the files go.
    pub files: ExportFiles,
    /// How long a claim holds an export without renewal.
    pub lease: TimeDelta,
    /// How long a finished file is kept.
    pub retention: TimeDelta,
    /// Measurements read per query ([`BATCH_ROWS`]; responses: a tenth, at least one).
    pub batch_rows: i64,
}

/// Why an attempt did not finish.
enum Stop {
    /// Will not succeed on retry (fewer than k participants now): fail at once.
    Refused(String),
    /// Another worker holds the export now (this one's lease lapsed): drop everything.
    LostLease,
    /// Anything else: retry later, or fail once the attempts are used up.
    Error(AppError),
}

impl<E: Into<AppError>> From<E> for Stop {
    fn from(e: E) -> Stop {
        Stop::Error(e.into())
    }
}

impl Exporter {
    /// Claims at most one due export and runs it to its end; returns how many were claimed.
    pub fn run_once(&self, pool: &DbPool) -> Result<usize, AppError> {
        let now = kindred_db::now_utc().naive_utc();
        let claimed = pool.run(|c| q::claim(c, now, self.lease, 1))?;
        for e in &claimed {
            pool.run(|c| {
                self.run(c, e);
                Ok::<_, AppError>(())
            })?;
        }
        Ok(claimed.len())
    }

    /// Runs one claimed export; records its outcome (errors are logged, never returned).
    pub fn run(&self, c: &mut DbConn, e: &Export) {
        self.remove_earlier_attempts(e);
        if e.attempts > MAX_ATTEMPTS {
            let msg = format!("interrupted {} times; giving up", e.attempts - 1);
            self.record_failure(c, e, &msg);
            return;
        }
        let started = Instant::now();
        match self.write(c, e) {
            Ok(()) => tracing::info!(
                export_id = %e.id, attempt = e.attempts,
                elapsed_ms = started.elapsed().as_millis() as u64, "export ready"
            ),
            Err(Stop::LostLease) => {
                let _ = std::fs::remove_file(self.files.partial(&e.id, e.attempts));
                let _ = std::fs::remove_file(self.files.file(&e.id, e.attempts));
                tracing::warn!(export_id = %e.id, attempt = e.attempts,
                    "export outlived its lease and was claimed again; this attempt is dropped");
            }
            Err(Stop::Refused(msg)) => {
                let _ = std::fs::remove_file(self.files.partial(&e.id, e.attempts));
                self.record_failure(c, e, &msg);
            }
            Err(Stop::Error(err)) => {
                let _ = std::fs::remove_file(self.files.partial(&e.id, e.attempts));
                let _ = std::fs::remove_file(self.files.file(&e.id, e.attempts));
                let msg = err.to_string();
                if e.attempts >= MAX_ATTEMPTS {
                    self.record_failure(c, e, &msg);
                } else {
                    let at = kindred_db::now_utc().naive_utc() + crate::jobs::backoff(e.attempts);
                    match q::retry_later(c, &e.id, e.attempts, &msg, at) {
                        Ok(_) => tracing::warn!(export_id = %e.id, attempt = e.attempts,
                            error = %msg, "export failed; will retry"),
                        Err(db) => tracing::warn!(export_id = %e.id, error = %db,
                            "could not record the export's failure; retried once its lease lapses"),
                    }
                }
            }
        }
    }

    fn remove_earlier_attempts(&self, e: &Export) {
        for a in 1..e.attempts {
            let _ = std::fs::remove_file(self.files.partial(&e.id, a));
            let _ = std::fs::remove_file(self.files.file(&e.id, a));
        }
    }

    fn record_failure(&self, c: &mut DbConn, e: &Export, msg: &str) {
        let now = kindred_db::now_utc().naive_utc();
        let r = q::fail(c, &e.id, e.attempts, msg, now, |c| {
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::ResearchExportFailed, None)
                    .subject("export", &e.id)
                    .details(json!({ "error": msg })),
            )?;
            let study = studies::find(c, &e.study_id)?;
            let title = study.map(|s| s.title).unwrap_or_default();
            crate::communities::notifications::notify(
                c,
                &e.requested_by,
                "export_failed",
                &format!("Your export of “{title}” failed: {msg}"),
                Some(&format!("/research/studies/{}", e.study_id)),
            )
        });
        match r {
            Ok(true) => tracing::warn!(export_id = %e.id, error = %msg, "export failed"),
            Ok(false) => {}
            Err(err) => tracing::warn!(export_id = %e.id, error = %err,
                "could not record the export's failure; retried once its lease lapses"),
        }
    }

    fn write(&self, c: &mut DbConn, e: &Export) -> Result<(), Stop> {
        let mut plan = Plan::make(c, e)?;
        let people = std::mem::take(&mut plan.people);
        let part = self.files.partial(&e.id, e.attempts);
        let file = File::create(&part).map_err(AppError::internal)?;
        let mut out = Out {
            zip: ZipWriter::new(BufWriter::with_capacity(256 * 1024, file)),
            files: Vec::new(),
        };
        let mut lease =
            Lease { id: &e.id, attempt: e.attempts, every: self.lease, last: Instant::now() };
        let mut run = Run::new(&plan, people, self.batch_rows.max(1));
        match plan.format {
            ExportFormat::Fhir => run.fhir(c, &mut lease, &mut out)?,
            f => run.tables(c, &mut lease, &mut out, f)?,
        }
        let manifest = run.manifest(&plan, e, &out.files);
        let manifest_text = serde_json::to_string_pretty(&manifest).map_err(AppError::internal)?;
        out.entry("manifest.json")?;
        out.zip.write_all(manifest_text.as_bytes()).map_err(AppError::internal)?;
        out.entry("README.txt")?;
        out.zip
            .write_all(readme(plan.format, plan.mode, plan.study.min_cohort).as_bytes())
            .map_err(AppError::internal)?;
        let buf = out.zip.finish().map_err(AppError::internal)?;
        let file = buf.into_inner().map_err(|e| AppError::internal(e.into_error()))?;
        file.sync_all().map_err(AppError::internal)?;
        drop(file);
        let (sha, size) = sha256_of(&part).map_err(AppError::internal)?;
        let final_path = self.files.file(&e.id, e.attempts);
        std::fs::rename(&part, &final_path).map_err(AppError::internal)?;
        if let Ok(dir) = File::open(self.files.dir()) {
            let _ = dir.sync_all();
        }
        let now = kindred_db::now_utc().naive_utc();
        let rows: Vec<DataAccess> = run
            .people
            .iter()
            .map(|p| DataAccess {
                export_id: e.id.clone(),
                user_id: p.user_id.clone(),
                study_id: e.study_id.clone(),
                consent_event_id: p.consent.id.clone(),
                consent_version: p.consent.version,
                categories: serde_json::to_string(&p.cats).unwrap_or_else(|_| "[]".into()),
                days_of_data: p.days.len() as i32,
                created_at: now,
            })
            .collect();
        let finished = Finished {
            file_sha256: sha.clone(),
            size_bytes: size as i64,
            participants: run.people.len() as i32,
            manifest: manifest_text,
            expires_at: now + self.retention,
        };
        let title = plan.study.title.clone();
        let done = q::finish_ready(c, &e.id, e.attempts, &finished, &rows, now, |c| {
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::ResearchExportCompleted, None)
                    .subject("export", &e.id)
                    .details(json!({
                        "study_id": e.study_id,
                        "participants": rows.len(),
                        "sha256": sha,
                        "row_counts": manifest["row_counts"],
                    })),
            )?;
            crate::communities::notifications::notify(
                c,
                &e.requested_by,
                "export_ready",
                &format!("Your {} export of “{title}” is ready to download.", e.format),
                Some(&format!("/research/studies/{}", e.study_id)),
            )
        })?;
        if done {
            Ok(())
        } else {
            Err(Stop::LostLease)
        }
    }
}

/// Renews the lease while writing; a lost lease stops the attempt.
struct Lease<'a> {
    id: &'a str,
    attempt: i32,
    every: TimeDelta,
    last: Instant,
}

impl Lease<'_> {
    fn keep(&mut self, c: &mut DbConn) -> Result<(), Stop> {
        let third = (self.every / 3).to_std().unwrap_or_default();
        if self.last.elapsed() < third {
            return Ok(());
        }
        let until = kindred_db::now_utc().naive_utc() + self.every;
        if !q::renew(c, self.id, self.attempt, until)? {
            return Err(Stop::LostLease);
        }
        self.last = Instant::now();
        Ok(())
    }
}

/// The zip being written, and the SHA-256 and row count of each finished entry.
struct Out {
    zip: ZipWriter<BufWriter<File>>,
    files: Vec<(String, String, u64)>,
}

impl Out {
    fn entry(&mut self, name: &str) -> Result<(), Stop> {
        let opts = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        self.zip.start_file(name, opts).map_err(AppError::internal)?;
        Ok(())
    }
}

/// One file of the zip being written: hashes what goes in and counts the rows.
struct Sink<'o> {
    out: &'o mut Out,
    name: String,
    hash: Sha256,
    rows: u64,
    csv: bool,
    line: Vec<u8>,
    opened: Instant,
}

impl<'o> Sink<'o> {
    fn open(out: &'o mut Out, name: String, header: Option<&[&str]>) -> Result<Self, Stop> {
        out.entry(&name)?;
        let mut s = Sink {
            out,
            name,
            hash: Sha256::new(),
            rows: 0,
            csv: header.is_some(),
            line: Vec::new(),
            opened: Instant::now(),
        };
        if let Some(h) = header {
            let fields: Vec<String> = h.iter().map(|x| x.to_string()).collect();
            s.line.clear();
            csv_line(&fields, &mut s.line);
            s.put_line()?;
        }
        Ok(s)
    }

    fn put_line(&mut self) -> Result<(), Stop> {
        self.hash.update(&self.line);
        self.out.zip.write_all(&self.line).map_err(AppError::internal)?;
        Ok(())
    }

    fn row(&mut self, columns: &[&str], cells: Vec<Cell<'_>>) -> Result<(), Stop> {
        if self.csv {
            self.rows += 1;
            self.line.clear();
            csv_write(&cells, &mut self.line);
            self.put_line()
        } else {
            self.resource(&json_object(columns, cells))
        }
    }

    fn resource(&mut self, v: &Value) -> Result<(), Stop> {
        self.rows += 1;
        self.line.clear();
        serde_json::to_writer(&mut self.line, v).map_err(AppError::internal)?;
        self.line.push(b'\n');
        self.put_line()
    }

    fn close(mut self) -> Result<(), Stop> {
        let sha = hex::encode(self.hash.finalize_reset());
        tracing::debug!(file = %self.name, rows = self.rows,
            elapsed_ms = self.opened.elapsed().as_millis() as u64, "export file written");
        self.out.files.push((self.name.clone(), sha, self.rows));
        Ok(())
    }
}

/// A participant of the export.
struct Person {
    user_id: String,
    pseudonym: String,
    consent: ConsentEvent,
    /// Their categories the export holds (granted and not suppressed), in the study's order.
    cats: Vec<String>,
    types: Vec<String>,
    questionnaire_ids: Vec<String>,
    demographics: bool,
    conditions: bool,
    /// Their measurements and responses the export reads, counted when it starts, and the
    /// earliest of them (the origin of relative days).
    extent: q::Extent,
    days: HashSet<NaiveDate>,
}

/// What the export holds, decided when the attempt starts.
struct Plan {
    study: Study,
    format: ExportFormat,
    mode: DateMode,
    window: (NaiveDateTime, NaiveDateTime),
    suppressed: Vec<String>,
    people: Vec<Person>,
    types: HashMap<String, MeasurementTypeDef>,
    questionnaires: HashMap<String, (String, String)>,
    /// The keys of multiple-choice items in any version of those questionnaires: the only
    /// answers whose stored text the export reads (their chosen values).
    choice_keys: Vec<String>,
}

impl Plan {
    fn make(c: &mut DbConn, e: &Export) -> Result<Plan, Stop> {
        let started = Instant::now();
        let study = studies::find(c, &e.study_id)?.ok_or(AppError::NotFound)?;
        let format = e.format()?;
        let mode = study.date_mode()?.unwrap_or(DateMode::Relative);
        let k = study.min_cohort;
        let active: Vec<ConsentEvent> = consents::active_for_study(c, &study.id)?;
        if (active.len() as i64) < i64::from(k) {
            let msg = match cohort_too_small(k) {
                AppError::Conflict { detail, .. } => detail,
                other => other.to_string(),
            };
            return Err(Stop::Refused(msg));
        }
        let requested: Vec<String> =
            studies::categories(c, &study.id)?.into_iter().map(|x| x.category).collect();
        let grants: Vec<Vec<String>> = active.iter().map(ConsentEvent::category_list).collect();
        let cut = cut_categories(&requested, &grants, k as usize);
        let mut questionnaires = HashMap::new();
        let mut slug_to_qid = HashMap::new();
        let mut choice_keys = Vec::new();
        for cat in &cut.included {
            if let Some(Category::Questionnaire(slug)) = Category::parse(cat) {
                if let Some(qn) = questionnaires::find_by_slug(c, &slug)? {
                    for v in questionnaires::versions(c, &qn.id)? {
                        let def: Definition =
                            serde_json::from_str(&v.definition).map_err(AppError::internal)?;
                        choice_keys.extend(
                            def.items
                                .into_iter()
                                .filter(|x| x.item_type == ItemType::MultiChoice)
                                .map(|x| x.key),
                        );
                    }
                    slug_to_qid.insert(slug.clone(), qn.id.clone());
                    questionnaires.insert(qn.id.clone(), (slug, qn.title));
                }
            }
        }
        let mut types = HashMap::new();
        for row in measurements::list_types(c)? {
            if let Ok(def) = serde_json::from_str::<MeasurementTypeDef>(&row.definition) {
                types.insert(row.slug.clone(), def);
            }
        }
        let window = q::window(study.data_from, study.data_to);
        let now = kindred_db::now_utc().naive_utc();
        // Each member's kinds of data, then their pseudonyms and first data points in bulk.
        let mut kinds = Vec::with_capacity(active.len());
        for consent in &active {
            let granted = consent.category_list();
            let cats: Vec<String> =
                cut.included.iter().filter(|x| granted.contains(x)).cloned().collect();
            let (mut tys, mut qids) = (Vec::new(), Vec::new());
            let (mut demographics, mut conditions) = (false, false);
            for cat in &cats {
                match Category::parse(cat) {
                    Some(Category::Demographics) => demographics = true,
                    Some(Category::Conditions) => conditions = true,
                    Some(Category::Measurement(s)) => tys.push(s),
                    Some(Category::Questionnaire(s)) => {
                        if let Some(id) = slug_to_qid.get(&s) {
                            qids.push(id.clone());
                        }
                    }
                    None => {}
                }
            }
            kinds.push((cats, tys, qids, demographics, conditions));
        }
        let ids: Vec<String> = active.iter().map(|e| e.user_id.clone()).collect();
        let consents_ms = started.elapsed().as_millis() as u64;
        let names = q::pseudonyms(c, &study.id, &ids, now)?;
        let pseudonyms_ms = started.elapsed().as_millis() as u64 - consents_ms;
        let mut groups: BTreeMap<(Vec<String>, Vec<String>), Vec<String>> = BTreeMap::new();
        for (consent, (_, tys, qids, ..)) in active.iter().zip(&kinds) {
            groups.entry((tys.clone(), qids.clone())).or_default().push(consent.user_id.clone());
        }
        let mut extents = HashMap::new();
        for ((tys, qids), users) in &groups {
            extents.extend(q::extents(c, users, tys, qids, window)?);
        }
        let mut people = Vec::with_capacity(active.len());
        for (consent, (cats, tys, qids, demographics, conditions)) in active.into_iter().zip(kinds)
        {
            let pseudonym = names.get(&consent.user_id).cloned().ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("a participant without a pseudonym"))
            })?;
            people.push(Person {
                user_id: consent.user_id.clone(),
                extent: extents.get(&consent.user_id).copied().unwrap_or_default(),
                pseudonym,
                consent,
                cats,
                types: tys,
                questionnaire_ids: qids,
                demographics,
                conditions,
                days: HashSet::new(),
            });
        }
        // The file order must not reveal the order members joined: by pseudonym (random).
        people.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
        tracing::debug!(export_id = %e.id, participants = people.len(), consents_ms, pseudonyms_ms,
            elapsed_ms = started.elapsed().as_millis() as u64, "export planned");
        choice_keys.sort();
        choice_keys.dedup();
        Ok(Plan {
            choice_keys,
            study,
            format,
            mode,
            window,
            suppressed: cut.suppressed,
            people,
            types,
            questionnaires,
        })
    }
}

/// The state of one attempt as it writes.
struct Run<'p> {
    plan: &'p Plan,
    people: Vec<Person>,
    /// Hides response ids: a response's number in the files is a keyed hash of its id under
    /// a key drawn for this attempt and never stored.
    key: [u8; 16],
    year: i32,
    versions: HashMap<String, Arc<Version>>,
    answered: BTreeMap<(String, i32), (String, Definition)>,
    counter: u64,
    /// Measurements read per query (responses: a tenth).
    batch_rows: i64,
}

impl<'p> Run<'p> {
    fn new(plan: &'p Plan, people: Vec<Person>, batch_rows: i64) -> Run<'p> {
        Run {
            plan,
            people,
            batch_rows,
            key: *uuid::Uuid::new_v4().as_bytes(),
            year: kindred_db::now_utc().year(),
            versions: HashMap::new(),
            answered: BTreeMap::new(),
            counter: 0,
        }
    }

    fn response_key(&self, id: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(id.as_bytes());
        hex::encode(&h.finalize()[..8])
    }

    fn when(&self, p: &Person, at: NaiveDateTime) -> When {
        When::of(self.plan.mode, p.extent.first.unwrap_or(at), at)
    }

    /// Keeps a questionnaire version the reading thread met for the first time.
    fn add_version(&mut self, v: QuestionnaireVersion) -> Result<(), Stop> {
        let def: Definition = serde_json::from_str(&v.definition).map_err(AppError::internal)?;
        let kinds = def.items.iter().map(|x| (x.key.clone(), x.item_type)).collect();
        self.versions.insert(v.id.clone(), Arc::new(Version { number: v.version, def, kinds }));
        Ok(())
    }

    /// `csv` and `ndjson`: one file per table.
    fn tables(
        &mut self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        out: &mut Out,
        f: ExportFormat,
    ) -> Result<(), Stop> {
        let mode = self.plan.mode;
        for table in Table::ALL {
            let cols = table.columns(mode);
            let header = (f == ExportFormat::Csv).then_some(cols.as_slice());
            let mut sink = Sink::open(out, table.file_name(f), header)?;
            match table {
                Table::Participants => self.participants(c, &mut sink, &cols, None)?,
                Table::Conditions => self.conditions(c, &mut sink, &cols, false)?,
                Table::QuestionnaireResponses => {
                    self.responses(c, lease, &mut sink, &cols, Pass::Rows)?
                }
                Table::QuestionnaireItems => {
                    self.responses(c, lease, &mut sink, &cols, Pass::Items)?
                }
                Table::Measurements => self.measurements(c, lease, &mut sink, &cols, false)?,
            }
            sink.close()?;
        }
        Ok(())
    }

    /// `fhir`: one NDJSON file per resource type.
    fn fhir(&mut self, c: &mut DbConn, lease: &mut Lease<'_>, out: &mut Out) -> Result<(), Stop> {
        let mut sink = Sink::open(out, "Patient.ndjson".into(), None)?;
        self.participants(c, &mut sink, &[], Some(()))?;
        sink.close()?;
        let mut sink = Sink::open(out, "Condition.ndjson".into(), None)?;
        self.conditions(c, &mut sink, &[], true)?;
        sink.close()?;
        let mut sink = Sink::open(out, "Observation.ndjson".into(), None)?;
        self.measurements(c, lease, &mut sink, &[], true)?;
        sink.close()?;
        let mut sink = Sink::open(out, "QuestionnaireResponse.ndjson".into(), None)?;
        self.responses(c, lease, &mut sink, &[], Pass::Fhir)?;
        sink.close()?;
        let mut sink = Sink::open(out, "Questionnaire.ndjson".into(), None)?;
        for ((slug, version), (title, def)) in &self.answered {
            sink.resource(&fhir::questionnaire(slug, *version, title, def))?;
        }
        sink.close()?;
        Ok(())
    }

    fn participants(
        &mut self,
        c: &mut DbConn,
        sink: &mut Sink<'_>,
        cols: &[&str],
        fhir: Option<()>,
    ) -> Result<(), Stop> {
        let asked: Vec<String> = match fhir {
            Some(()) => Vec::new(),
            None => {
                self.people.iter().filter(|p| p.demographics).map(|p| p.user_id.clone()).collect()
            }
        };
        let mut demographics = q::demographics_of(c, &asked)?;
        for p in &self.people {
            if fhir.is_some() {
                sink.resource(&fhir::patient(&p.pseudonym))?;
                continue;
            }
            let (band, country) = match demographics.remove(&p.user_id) {
                Some((by, country)) if p.demographics => {
                    (by.and_then(|y| age_band(y, self.year)), country)
                }
                _ => (None, None),
            };
            let row = ParticipantRow { participant: &p.pseudonym, age_band: band, country };
            sink.row(cols, row.cells())?;
        }
        Ok(())
    }

    fn conditions(
        &mut self,
        c: &mut DbConn,
        sink: &mut Sink<'_>,
        cols: &[&str],
        fhir: bool,
    ) -> Result<(), Stop> {
        for i in 0..self.people.len() {
            let p = &self.people[i];
            if !p.conditions {
                continue;
            }
            for (icd10, name, year) in q::conditions_of(c, &p.user_id)? {
                if fhir {
                    self.counter += 1;
                    let id = format!("c{}", self.counter);
                    sink.resource(&fhir::condition(&id, &p.pseudonym, &icd10, &name, year))?;
                } else {
                    let row = ConditionRow {
                        participant: &p.pseudonym,
                        icd10: &icd10,
                        condition: &name,
                        diagnosis_year: year,
                    };
                    sink.row(cols, row.cells())?;
                }
            }
        }
        Ok(())
    }

    /// Measurements: a second thread reads the next batch while this one writes the last.
    fn measurements(
        &mut self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        sink: &mut Sink<'_>,
        cols: &[&str],
        fhir: bool,
    ) -> Result<(), Stop> {
        let counts: Vec<i64> = self
            .people
            .iter()
            .map(|p| if p.types.is_empty() { 0 } else { p.extent.measurements })
            .collect();
        let reading = Reading {
            who: self.people.iter().map(|p| (p.user_id.clone(), p.types.clone())).collect(),
            text_keys: Vec::new(),
            batches: batches(&counts, self.batch_rows),
            window: self.plan.window,
            size: self.batch_rows,
        };
        pipeline(
            |tx| reading.measurements(c, lease, tx),
            |f| {
                let by_member = runs(&f.rows, |m| m.user_id.as_str());
                for i in f.people {
                    let Some(mine) = by_member.get(self.people[i].user_id.as_str()) else {
                        continue;
                    };
                    for m in &f.rows[mine.clone()] {
                        self.measurement(sink, cols, fhir, i, m)?;
                    }
                }
                Ok(())
            },
        )
    }

    /// Writes one measurement of participant `i`, if it is of a kind they granted.
    fn measurement(
        &mut self,
        sink: &mut Sink<'_>,
        cols: &[&str],
        fhir: bool,
        i: usize,
        m: &q::MeasurementOut,
    ) -> Result<(), Stop> {
        let p = &self.people[i];
        if !p.types.contains(&m.type_slug) {
            return Ok(());
        }
        let when = self.when(p, m.taken_at);
        if fhir {
            let Some(def) = self.plan.types.get(&m.type_slug) else { return Ok(()) };
            self.counter += 1;
            let id = format!("m{}", self.counter);
            let o = fhir::observation(&id, &p.pseudonym, def, when, m.value1, m.value2);
            sink.resource(&o)?;
        } else {
            let row = MeasurementRow {
                participant: &p.pseudonym,
                kind: &m.type_slug,
                when,
                value: m.value1,
                value2: m.value2,
                unit: &m.unit,
            };
            sink.row(cols, row.cells())?;
        }
        self.people[i].days.insert(m.taken_at.date());
        Ok(())
    }

    /// Responses (with their answers unless `pass` is [`Pass::Rows`]), read as
    /// [`Run::measurements`] reads.
    fn responses(
        &mut self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        sink: &mut Sink<'_>,
        cols: &[&str],
        pass: Pass,
    ) -> Result<(), Stop> {
        let counts: Vec<i64> = self
            .people
            .iter()
            .map(|p| if p.questionnaire_ids.is_empty() { 0 } else { p.extent.responses })
            .collect();
        let size = (self.batch_rows / 10).max(1);
        let reading = Reading {
            who: self
                .people
                .iter()
                .map(|p| (p.user_id.clone(), p.questionnaire_ids.clone()))
                .collect(),
            text_keys: self.plan.choice_keys.clone(),
            batches: batches(&counts, size),
            window: self.plan.window,
            size,
        };
        let known: HashSet<String> = self.versions.keys().cloned().collect();
        pipeline(
            |tx| reading.responses(c, lease, tx, pass != Pass::Rows, known),
            |f| {
                for v in f.versions {
                    self.add_version(v)?;
                }
                let items_by = by_response(&f.items);
                let by_member = runs(&f.rows, |r| r.user_id.as_str());
                for i in f.people {
                    let Some(mine) = by_member.get(self.people[i].user_id.as_str()) else {
                        continue;
                    };
                    self.write_responses(sink, cols, pass, i, &f.rows[mine.clone()], &items_by)?;
                }
                Ok(())
            },
        )
    }

    /// Writes participant `i`'s responses (to questionnaires they granted) for this pass.
    #[allow(clippy::too_many_arguments)]
    fn write_responses(
        &mut self,
        sink: &mut Sink<'_>,
        cols: &[&str],
        pass: Pass,
        i: usize,
        chunk: &[q::ResponseOut],
        items_by: &HashMap<&str, Vec<&q::ItemOut>>,
    ) -> Result<(), Stop> {
        for r in chunk {
            if !self.people[i].questionnaire_ids.contains(&r.questionnaire_id) {
                continue;
            }
            let Some((slug, title)) = self.plan.questionnaires.get(&r.questionnaire_id) else {
                continue;
            };
            let v = self.versions.get(&r.version_id).cloned().ok_or(AppError::NotFound)?;
            let (version, kinds) = (v.number, &v.kinds);
            let key = self.response_key(&r.id);
            let p = &self.people[i];
            let when = self.when(p, r.submitted_at);
            let mine = items_by.get(r.id.as_str()).cloned().unwrap_or_default();
            match pass {
                Pass::Rows => {
                    let row = ResponseRow {
                        response: &key,
                        participant: &p.pseudonym,
                        questionnaire: slug,
                        version,
                        when,
                        score: r.score,
                        band: r.band.clone(),
                    };
                    sink.row(cols, row.cells())?;
                    self.people[i].days.insert(r.submitted_at.date());
                }
                Pass::Items => {
                    for it in mine {
                        let kind = kinds.get(it.item_key.as_str()).copied();
                        let Some(row) = item_row(&key, kind, it) else { continue };
                        sink.row(cols, row.cells())?;
                    }
                }
                Pass::Fhir => {
                    let answers: Vec<fhir::Answer<'_>> = mine
                        .iter()
                        .filter_map(|it| {
                            let kind = kinds.get(it.item_key.as_str()).copied()?;
                            Some(fhir::Answer {
                                key: &it.item_key,
                                item_type: kind,
                                value: it.value_number,
                                choices: choices(kind, it.value_text.as_deref()),
                            })
                        })
                        .collect();
                    let res = fhir::questionnaire_response(
                        &key,
                        &p.pseudonym,
                        slug,
                        version,
                        when,
                        &answers,
                    );
                    sink.resource(&res)?;
                    self.people[i].days.insert(r.submitted_at.date());
                    self.answered
                        .entry((slug.clone(), version))
                        .or_insert_with(|| (title.clone(), v.def.clone()));
                }
            }
        }
        Ok(())
    }

    fn manifest(&self, plan: &Plan, e: &Export, files: &[(String, String, u64)]) -> Value {
        let snapshot: Vec<Value> = self
            .people
            .iter()
            .map(|p| {
                json!({
                    "participant": p.pseudonym,
                    "consent_version": p.consent.version,
                    "categories": p.cats,
                })
            })
            .collect();
        let counts: serde_json::Map<String, Value> =
            files.iter().map(|(n, _, r)| (n.clone(), json!(r))).collect();
        let hashes: serde_json::Map<String, Value> =
            files.iter().map(|(n, h, _)| (n.clone(), json!(h))).collect();
        json!({
            "study": { "id": plan.study.id, "title": plan.study.title,
                       "ethics_reference": plan.study.ethics_reference },
            "export_id": e.id,
            "format": plan.format.as_str(),
            "date_mode": plan.mode.as_str(),
            "window": { "from": plan.study.data_from, "to": plan.study.data_to },
            "min_cohort": plan.study.min_cohort,
            "participants": self.people.len(),
            "suppressed_categories": plan.suppressed,
            "consent_snapshot": snapshot,
            "row_counts": counts,
            "sha256": hashes,
        })
    }
}

/// A questionnaire version as the writer needs it: its number, definition and item types.
struct Version {
    number: i32,
    def: Definition,
    kinds: HashMap<String, ItemType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    Rows,
    Items,
    Fhir,
}

/// A multi-choice item's chosen values (stored as a JSON array of numbers).
fn choices(kind: ItemType, stored: Option<&str>) -> Vec<f64> {
    if kind != ItemType::MultiChoice {
        return Vec::new();
    }
    stored.and_then(|s| serde_json::from_str::<Vec<f64>>(s).ok()).unwrap_or_default()
}

/// The row of one answer; `None` for what never leaves (free text, dates, unknown items).
fn item_row<'a>(
    response: &'a str,
    kind: Option<ItemType>,
    it: &'a q::ItemOut,
) -> Option<ItemRow<'a>> {
    let kind = kind?;
    match kind {
        ItemType::Text | ItemType::Date => None,
        ItemType::MultiChoice => {
            let chosen = choices(kind, it.value_text.as_deref());
            Some(ItemRow {
                response,
                item: &it.item_key,
                value: it.value_number,
                choices: Some(serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into())),
            })
        }
        _ => Some(ItemRow { response, item: &it.item_key, value: it.value_number, choices: None }),
    }
}

/// SHA-256 (hex) and size of a file, read in blocks.
fn sha256_of(path: &std::path::Path) -> std::io::Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex::encode(h.finalize()), size))
}

/// What one read hands the writer: participants (positions in the file order), their rows by
/// member then time, the answers of those rows (responses), and questionnaire versions the
/// reader met for the first time.
struct Fetched<T> {
    people: std::ops::Range<usize>,
    rows: Vec<T>,
    items: Vec<q::ItemOut>,
    versions: Vec<QuestionnaireVersion>,
}

impl<T> Fetched<T> {
    fn of(people: std::ops::Range<usize>, rows: Vec<T>) -> Fetched<T> {
        Fetched { people, rows, items: Vec::new(), versions: Vec::new() }
    }
}

/// Runs `read` on a second thread, which sends what it reads (one batch ahead at most), while
/// this thread `write`s each batch in turn. The first error of either ends both; a writer's
/// error wins (the reader then only sees its batches refused).
fn pipeline<T: Send>(
    read: impl FnOnce(&SyncSender<Fetched<T>>) -> Result<(), Stop> + Send,
    mut write: impl FnMut(Fetched<T>) -> Result<(), Stop>,
) -> Result<(), Stop> {
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Fetched<T>>(1);
        let reader = scope.spawn(move || read(&tx));
        let mut written = Ok(());
        for f in rx.iter() {
            if let Err(e) = write(f) {
                written = Err(e);
                break;
            }
        }
        drop(rx);
        let read = reader.join().unwrap_or_else(|_| {
            Err(Stop::Error(AppError::internal(anyhow::anyhow!("the export's reader panicked"))))
        });
        written.and(read)
    })
}

/// What the reading thread needs: each participant's id and kinds of data (measurement types
/// or questionnaire ids) in file order, the batches, the window, the rows per query.
struct Reading {
    who: Vec<(String, Vec<String>)>,
    /// The items whose stored text is read ([`Plan::choice_keys`]).
    text_keys: Vec<String>,
    batches: Vec<Batch>,
    window: (NaiveDateTime, NaiveDateTime),
    size: i64,
}

impl Reading {
    /// Hands the rows of every batch in turn to `send` (which answers false once the writer
    /// has stopped): a batch in one query (`batch`), or one member at a time in chunks (`chunk`,
    /// keyset-paged by `cursor`) for a member with more than a batch, or a batch that returned
    /// far more rows than counted (data arrived meanwhile).
    #[allow(clippy::type_complexity)]
    fn each_batch<T>(
        &self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        batch: impl Fn(&mut DbConn, &[String], &[String], i64) -> Result<Vec<T>, DbError>,
        chunk: impl Fn(
            &mut DbConn,
            &str,
            &[String],
            Option<&(NaiveDateTime, String)>,
            i64,
        ) -> Result<Vec<T>, DbError>,
        cursor: impl Fn(&T) -> (NaiveDateTime, String),
        mut send: impl FnMut(&mut DbConn, std::ops::Range<usize>, Vec<T>) -> Result<bool, Stop>,
    ) -> Result<(), Stop> {
        for b in &self.batches {
            lease.keep(c)?;
            let alone = match b {
                Batch::One(i) => *i..*i + 1,
                Batch::Many(range) => {
                    let who = &self.who[range.clone()];
                    let ids: Vec<String> = who.iter().map(|w| w.0.clone()).collect();
                    // Every kind any of them granted: the writer drops each member's rows of
                    // kinds they did not grant.
                    let kinds = union(who.iter().map(|w| &w.1));
                    let rows = batch(c, &ids, &kinds, 2 * self.size + 1)?;
                    if rows.len() as i64 <= 2 * self.size {
                        if !send(c, range.clone(), rows)? {
                            return Ok(());
                        }
                        continue;
                    }
                    range.clone()
                }
            };
            for i in alone {
                let (user, kinds) = &self.who[i];
                if kinds.is_empty() {
                    continue;
                }
                let mut after: Option<(NaiveDateTime, String)> = None;
                loop {
                    lease.keep(c)?;
                    let rows = chunk(c, user, kinds, after.as_ref(), self.size)?;
                    let Some(last) = rows.last() else { break };
                    after = Some(cursor(last));
                    let full = rows.len() as i64 == self.size;
                    if !send(c, i..i + 1, rows)? {
                        return Ok(());
                    }
                    if !full {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    fn measurements(
        &self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        tx: &SyncSender<Fetched<q::MeasurementOut>>,
    ) -> Result<(), Stop> {
        let window = self.window;
        self.each_batch(
            c,
            lease,
            |c, ids, types, limit| q::measurements_of(c, ids, types, window, limit),
            |c, user, types, after, size| {
                q::measurements_chunk(c, user, types, window, after, size)
            },
            |m| (m.taken_at, m.id.clone()),
            |_, people, rows| Ok(tx.send(Fetched::of(people, rows)).is_ok()),
        )
    }

    fn responses(
        &self,
        c: &mut DbConn,
        lease: &mut Lease<'_>,
        tx: &SyncSender<Fetched<q::ResponseOut>>,
        with_items: bool,
        mut known: HashSet<String>,
    ) -> Result<(), Stop> {
        let window = self.window;
        self.each_batch(
            c,
            lease,
            |c, ids, qids, limit| q::responses_of(c, ids, qids, window, limit),
            |c, user, qids, after, size| q::responses_chunk(c, user, qids, window, after, size),
            |r| (r.submitted_at, r.id.clone()),
            // Adds the answers and the versions not met before.
            |c, people, rows| {
                let mut f = Fetched::of(people, rows);
                if with_items {
                    let ids: Vec<String> = f.rows.iter().map(|r| r.id.clone()).collect();
                    f.items = q::items_of(c, &ids, &self.text_keys)?;
                }
                for r in &f.rows {
                    if known.insert(r.version_id.clone()) {
                        let v = q::version_by_id(c, &r.version_id)?.ok_or(AppError::NotFound)?;
                        f.versions.push(v);
                    }
                }
                Ok(tx.send(f).is_ok())
            },
        )
    }
}

/// Measurements read per query by default: a batch of participants' together, or a chunk of
/// one participant who has more. Responses bring their answers, so a tenth as many of them.
pub const BATCH_ROWS: i64 = 20_000;

/// Participants read together, by their positions in the (pseudonym-ordered) list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Batch {
    /// Consecutive participants whose rows add up to at most the budget: one query.
    Many(std::ops::Range<usize>),
    /// A participant with more rows than the budget: read alone, in chunks.
    One(usize),
}

/// Cuts the participants, in order, into batches of at most `budget` rows (`counts[i]` is
/// participant `i`'s); participants with no rows start or extend a batch at no cost, so the
/// batches cover everyone and keep the file order.
fn batches(counts: &[i64], budget: i64) -> Vec<Batch> {
    let mut out = Vec::new();
    let (mut start, mut rows) = (0usize, 0i64);
    for (i, &n) in counts.iter().enumerate() {
        if n > budget {
            if start < i {
                out.push(Batch::Many(start..i));
            }
            out.push(Batch::One(i));
            (start, rows) = (i + 1, 0);
        } else if rows + n > budget {
            out.push(Batch::Many(start..i));
            (start, rows) = (i, n);
        } else {
            rows += n;
        }
    }
    if start < counts.len() {
        out.push(Batch::Many(start..counts.len()));
    }
    out
}

/// The distinct values of several lists, sorted.
fn union<'a>(lists: impl Iterator<Item = &'a Vec<String>>) -> Vec<String> {
    let mut all: Vec<String> = lists.flatten().cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// Where each member's rows lie in rows ordered by member.
fn runs<'r, T>(
    rows: &'r [T],
    member: impl Fn(&'r T) -> &'r str,
) -> HashMap<&'r str, std::ops::Range<usize>> {
    let mut out: HashMap<&str, std::ops::Range<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        out.entry(member(r)).and_modify(|x| x.end = i + 1).or_insert(i..i + 1);
    }
    out
}

/// Answers by their response.
fn by_response(items: &[q::ItemOut]) -> HashMap<&str, Vec<&q::ItemOut>> {
    let mut out: HashMap<&str, Vec<&q::ItemOut>> = HashMap::new();
    for it in items {
        out.entry(it.response_id.as_str()).or_default().push(it);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{batches, Batch};

    #[test]
    fn batches_cover_everyone_in_order_within_the_budget() {
        assert_eq!(batches(&[], 10), vec![]);
        assert_eq!(batches(&[3, 3, 3, 3], 10), vec![Batch::Many(0..3), Batch::Many(3..4)]);
        assert_eq!(batches(&[0, 0, 5, 5, 0, 1], 10), vec![Batch::Many(0..5), Batch::Many(5..6)]);
        assert_eq!(
            batches(&[2, 11, 4, 20], 10),
            vec![Batch::Many(0..1), Batch::One(1), Batch::Many(2..3), Batch::One(3)]
        );
        assert_eq!(batches(&[10, 10], 10), vec![Batch::Many(0..1), Batch::Many(1..2)]);
    }
}
