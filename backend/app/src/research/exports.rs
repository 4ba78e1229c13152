//! Exports (DESIGN §6.6): a study's researchers ask for one, a background worker writes it
//! ([`super::export_writer`]), they watch its status and download the zip; each member sees
//! the exports that included them (their data-access log).
//!
//! Who may do what: the study's researchers request, read and download; admins may read an
//! export's status (oversight) but never download; anyone else gets 404 for the study and its
//! exports alike.

use std::path::{Path, PathBuf};

use kindred_db::models::export::Export;
use kindred_db::queries::{audit, consents, exports, studies};
use kindred_db::DbConn;
use kindred_domain::account::Role;
use kindred_domain::audit::Action;
use kindred_domain::export::{ExportFormat, ExportStatus};
use kindred_domain::study::StudyStatus;
use kindred_domain::FieldError;

use super::applications::institution_of;
use crate::authz::Actor;
use crate::AppError;

/// Exports listed per study.
pub const LIST_LIMIT: i64 = 100;

/// Where export files live: `<data dir>/exports`.
#[derive(Debug, Clone)]
pub struct ExportFiles {
    dir: PathBuf,
}

impl ExportFiles {
    /// The export directory under `data_dir` (created when missing, owner-only on Unix).
    pub fn new(data_dir: &Path) -> std::io::Result<ExportFiles> {
        let dir = data_dir.join("exports");
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(ExportFiles { dir })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The finished file of an export as written by attempt `attempt`.
    pub fn file(&self, id: &str, attempt: i32) -> PathBuf {
        self.dir.join(format!("{id}-a{attempt}.zip"))
    }

    /// The file attempt `attempt` writes before it is complete.
    pub fn partial(&self, id: &str, attempt: i32) -> PathBuf {
        self.dir.join(format!("{id}-a{attempt}.zip.part"))
    }

    /// The file of a ready export.
    pub fn of(&self, e: &Export) -> PathBuf {
        self.file(&e.id, e.attempts)
    }
}

fn study_for_researcher(
    c: &mut DbConn,
    actor: &Actor,
    study_id: &str,
) -> Result<kindred_db::models::study::Study, AppError> {
    let detail = super::studies::get(c, actor, study_id)?;
    if !studies::is_member(c, &detail.study.id, &actor.id)? {
        return Err(AppError::Forbidden {
            code: "not_a_study_researcher",
            detail: "Only the study's researchers can export its data.".into(),
        });
    }
    Ok(detail.study)
}

/// Asks for an export of the study in `format`: the study must be approved and open, and at
/// least k members must consent now (409 otherwise, with what is missing). Queued for the
/// worker; 202 with the export's status.
pub fn request(
    c: &mut DbConn,
    actor: &Actor,
    study_id: &str,
    format: &str,
) -> Result<Export, AppError> {
    // Who may ask comes first: a stranger learns nothing from the body's errors.
    let study = study_for_researcher(c, actor, study_id)?;
    let format = ExportFormat::parse(format).ok_or_else(|| {
        FieldError::new("format", "invalid_choice", "Choose csv, ndjson or fhir.")
    })?;
    match study.status()? {
        StudyStatus::Approved => {}
        StudyStatus::Closed => {
            return Err(AppError::Conflict {
                code: "study_closed",
                detail: "The study has closed: its data can no longer be exported.".into(),
            })
        }
        _ => {
            return Err(AppError::Conflict {
                code: "study_not_approved",
                detail: "Only an approved study's data can be exported.".into(),
            })
        }
    }
    let consenting = consents::active_for_study(c, &study.id)?.len();
    if (consenting as i64) < i64::from(study.min_cohort) {
        return Err(cohort_too_small(study.min_cohort));
    }
    let now = kindred_db::now_utc().naive_utc();
    let export = Export {
        id: kindred_db::new_id(),
        study_id: study.id.clone(),
        requested_by: actor.id.clone(),
        format: format.as_str().into(),
        status: ExportStatus::Queued.as_str().into(),
        attempts: 0,
        lease_until: None,
        error: None,
        file_sha256: None,
        size_bytes: None,
        participants: None,
        manifest: None,
        created_at: now,
        started_at: None,
        finished_at: None,
        expires_at: None,
        expired_at: None,
    };
    kindred_db::write_tx(c, |c| {
        exports::insert(c, &export)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchExportRequested, Some(&actor.id))
                .subject("export", &export.id)
                .details(serde_json::json!({ "study_id": study.id, "format": export.format })),
        )?;
        Ok::<_, AppError>(())
    })?;
    Ok(export)
}

/// 409 `cohort_too_small`: fewer than k members consent.
pub fn cohort_too_small(k: i32) -> AppError {
    AppError::Conflict {
        code: "cohort_too_small",
        detail: format!(
            "Fewer than {k} members consent to this study, its minimum cohort size: nothing \
             can be exported until more do."
        ),
    }
}

/// The export, for its study's researchers and admins; anyone else 404.
pub fn get(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Export, AppError> {
    let e = exports::find(c, id)?.ok_or(AppError::NotFound)?;
    // Reading the study checks the actor may see it (404 otherwise).
    super::studies::get(c, actor, &e.study_id)?;
    Ok(e)
}

/// A study's exports, newest first (its researchers and admins; anyone else 404).
pub fn list(c: &mut DbConn, actor: &Actor, study_id: &str) -> Result<Vec<Export>, AppError> {
    let detail = super::studies::get(c, actor, study_id)?;
    Ok(exports::list_for_study(c, &detail.study.id, LIST_LIMIT)?)
}

/// The file of a ready export, for a researcher of its study only (admins and anyone else
/// 404); the download is audited. An export not ready yet is 409 `export_not_ready`, an
/// expired one 410-like 409 `export_expired`.
pub fn download(
    c: &mut DbConn,
    files: &ExportFiles,
    actor: &Actor,
    id: &str,
) -> Result<(Export, PathBuf), AppError> {
    let e = exports::find(c, id)?.ok_or(AppError::NotFound)?;
    if actor.role != Role::Researcher || !studies::is_member(c, &e.study_id, &actor.id)? {
        return Err(AppError::NotFound);
    }
    match e.status()? {
        ExportStatus::Ready => {}
        ExportStatus::Expired => {
            return Err(AppError::Conflict {
                code: "export_expired",
                detail: "This export's file was deleted after the retention period.".into(),
            })
        }
        _ => {
            return Err(AppError::Conflict {
                code: "export_not_ready",
                detail: "The export is not ready: check its status and try again.".into(),
            })
        }
    }
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::ResearchExportDownloaded, Some(&actor.id))
            .subject("export", &e.id),
    )?;
    let path = files.of(&e);
    Ok((e, path))
}

/// One export that included the member.
#[derive(Debug, Clone)]
pub struct Access {
    /// The export.
    pub export_id: String,
    /// The study.
    pub study_id: String,
    /// Its title.
    pub study_title: String,
    /// Its owner's institution.
    pub institution: String,
    /// The member's categories the export held.
    pub categories: Vec<String>,
    /// Days with data of the member in it.
    pub days_of_data: i32,
    /// When it was written.
    pub exported_at: chrono::NaiveDateTime,
    /// Whether its file has since been deleted (retention).
    pub expired: bool,
}

/// The actor's data-access log: every export that included them, newest first.
pub fn data_access(c: &mut DbConn, actor: &Actor) -> Result<Vec<Access>, AppError> {
    let rows = exports::data_access_of(c, &actor.id)?;
    let mut out = Vec::with_capacity(rows.len());
    for (a, e, s) in rows {
        out.push(Access {
            categories: a.category_list(),
            export_id: a.export_id,
            study_id: s.id,
            study_title: s.title,
            institution: institution_of(c, &s.owner_id)?,
            days_of_data: a.days_of_data,
            exported_at: a.created_at,
            expired: e.status == ExportStatus::Expired.as_str(),
        });
    }
    Ok(out)
}

/// Deletes the files of ready exports whose retention ended before `now` and marks them
/// expired (row and manifest kept); returns how many.
pub fn expire_due(
    c: &mut DbConn,
    files: &ExportFiles,
    now: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let mut n = 0;
    for e in exports::due_for_expiry(c, now)? {
        match std::fs::remove_file(files.of(&e)) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(AppError::internal(err)),
        }
        let expired = exports::mark_expired(c, &e.id, now, |c| {
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::ResearchExportExpired, None)
                    .subject("export", &e.id),
            )?;
            Ok::<_, AppError>(())
        })?;
        if expired {
            n += 1;
        }
    }
    Ok(n)
}
