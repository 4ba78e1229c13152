//! At-home measurements (DESIGN §6.5): the units of work on a member's readings. Each takes an
//! [`Owner`] proof, so it can only ever touch the signed-in member's own rows.

pub mod apple_health;
mod cache;

pub use cache::{TypeCache, TYPES_TTL};

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{FixedOffset, NaiveDateTime, Offset, Utc};
use kindred_db::models::measurement::{Measurement, MeasurementEdit, MeasurementTypeRow};
use kindred_db::queries::{audit, measurements};
use kindred_db::{DbConn, DbError};
use kindred_domain::audit::Action;
use kindred_domain::measurement::{
    canonical_unit_code, find_type, unusual, validate, validate_rows, validate_type_def,
    MeasurementInput, MeasurementTypeDef, ValidMeasurement, LOOKBACK_DAYS, RECENT_READINGS,
};
use kindred_domain::{FieldError, FieldErrors};

use crate::authz::{Admin, Owner};
use crate::AppError;

/// Most readings in one batch.
pub const MAX_BATCH: usize = 1000;

/// One of the owner's readings with its edit history (oldest first); another member's
/// reading is not found.
pub fn get(
    c: &mut DbConn,
    owner: &Owner,
    id: &str,
) -> Result<(Measurement, Vec<MeasurementEdit>), AppError> {
    let m = measurements::find_for_user(c, owner.id(), id)?.ok_or(AppError::NotFound)?;
    let edits = measurements::edits(c, &m.id)?;
    Ok((m, edits))
}

/// Deletes one of the owner's readings and its edit history, and audits it; another
/// member's reading is not found.
pub fn delete(c: &mut DbConn, owner: &Owner, id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        if !measurements::delete_for_user(c, owner.id(), id)? {
            return Err(AppError::NotFound);
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountMeasurementDeleted, Some(owner.id()))
                .subject("measurement", id),
        )?;
        Ok(())
    })
}

/// The catalog and, for each reading logged, the stored row and whether it is new (`false`:
/// its `client_id` was used before, and this is the reading stored then).
pub type Logged = (Vec<(Measurement, bool)>, Arc<Vec<MeasurementTypeDef>>);

/// Logs one reading. Validation happens before the write transaction, so SQLite's write lock
/// is held only for the insert; a `client_id` used before returns the reading stored then.
pub fn log(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    input: &MeasurementInput,
) -> Result<(Measurement, bool, Arc<Vec<MeasurementTypeDef>>), AppError> {
    let defs = types.get(c)?;
    let def = find_type(&defs, &input.type_slug).ok_or_else(|| {
        FieldError::new("type", "unknown_type", "Choose a type from GET /measurement-types.")
    })?;
    let valid = validate(def, input, Utc::now())?;
    if !input.confirm_unusual {
        check_unusual(c, owner, def, &valid)?;
    }
    let m = Measurement::from_valid(owner.id(), &valid);
    // The common case is a new reading: insert, nothing else. Only when the unique
    // (user, client id) index refuses it is the stored reading looked up. One statement is
    // atomic by itself (autocommit): no BEGIN/COMMIT round trips around it, which on
    // PostgreSQL cost as much as the insert (SQLite's busy handler covers a single statement;
    // BEGIN IMMEDIATE is for transactions that read before they write).
    match measurements::insert(c, &m) {
        Ok(()) => Ok((m, true, defs)),
        Err(DbError::UniqueViolation { .. }) => {
            let client_id = valid.client_id.unwrap_or_default();
            let stored = measurements::find_by_client_id(c, owner.id(), &client_id)?
                .ok_or(AppError::NotFound)?;
            Ok((stored, false, defs))
        }
        Err(e) => Err(e.into()),
    }
}

/// Logs up to [`MAX_BATCH`] readings, all or none; errors name each bad item
/// (`items[3].value`).
pub fn log_batch(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    items: &[MeasurementInput],
) -> Result<Logged, AppError> {
    if items.is_empty() || items.len() > MAX_BATCH {
        return Err(FieldError::new(
            "items",
            "invalid_length",
            format!("Send between 1 and {MAX_BATCH} readings."),
        )
        .into());
    }
    let defs = types.get(c)?;
    let now = Utc::now();
    let mut errs = FieldErrors::new();
    let mut valid = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("items[{i}]");
        let Some(def) = find_type(&defs, &item.type_slug) else {
            errs.push(
                FieldError::new("type", "unknown_type", "Unknown measurement type.")
                    .prefixed(&prefix),
            );
            continue;
        };
        match validate(def, item, now) {
            Ok(v) => {
                if !item.confirm_unusual {
                    match check_unusual(c, owner, def, &v) {
                        Ok(()) => {}
                        Err(AppError::Validation(e)) => {
                            e.0.into_iter().for_each(|fe| errs.push(fe.prefixed(&prefix)));
                            continue;
                        }
                        Err(other) => return Err(other),
                    }
                }
                valid.push(v)
            }
            Err(e) => e.0.into_iter().for_each(|fe| errs.push(fe.prefixed(&prefix))),
        }
    }
    errs.into_result(())?;
    Ok((store(c, owner, &valid)?, defs))
}

/// Refuses (422 `unusual_value`) a reading far from the owner's recent readings of its type
/// (the rule is [`kindred_domain::measurement::unusual`]); the member resends it with
/// `confirm_unusual` when it is right.
fn check_unusual(
    c: &mut DbConn,
    owner: &Owner,
    def: &MeasurementTypeDef,
    v: &ValidMeasurement,
) -> Result<(), AppError> {
    match unusual_reading(c, owner, def, v)? {
        None => Ok(()),
        Some(u) => Err(FieldError::new(u.field, "unusual_value", u.message).into()),
    }
}

/// Whether a reading is far from the owner's stored readings of its type before it (one
/// indexed query of at most [`RECENT_READINGS`] rows; none for types without a rule).
fn unusual_reading(
    c: &mut DbConn,
    owner: &Owner,
    def: &MeasurementTypeDef,
    v: &ValidMeasurement,
) -> Result<Option<kindred_domain::measurement::Unusual>, AppError> {
    if kindred_domain::measurement::unusual_factor(&def.slug).is_none() {
        return Ok(None);
    }
    let before = v.taken_at.naive_utc();
    let window = (before - chrono::TimeDelta::days(LOOKBACK_DAYS), before);
    let history: Vec<Vec<f64>> =
        measurements::recent_values(c, owner.id(), &def.slug, window, RECENT_READINGS as i64)?
            .into_iter()
            .map(|(_, a, b)| std::iter::once(a).chain(b).collect())
            .collect();
    Ok(unusual(def, v, &history))
}

/// How many readings of a type the owner has and when the first and last were taken (a chart's
/// "All" range runs from the first to today).
pub fn extent(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    type_slug: &str,
) -> Result<(i64, Option<NaiveDateTime>, Option<NaiveDateTime>), AppError> {
    let defs = types.get(c)?;
    if find_type(&defs, type_slug).is_none() {
        return Err(FieldError::new(
            "type",
            "unknown_type",
            "Choose a type from GET /measurement-types.",
        )
        .into());
    }
    Ok(measurements::extent(c, owner.id(), type_slug)?)
}

/// The owner's display unit per measurement type (types never chosen are absent: show the
/// canonical unit).
pub fn display_units(
    c: &mut DbConn,
    owner: &Owner,
) -> Result<Vec<kindred_db::models::measurement::DisplayUnit>, AppError> {
    Ok(measurements::display_units(c, owner.id())?)
}

/// Sets the unit the owner reads and enters a type in: one of the type's accepted units, in
/// any spelling `POST /me/measurements` accepts; stored as its UCUM code, which is returned.
pub fn set_display_unit(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    type_slug: &str,
    unit: &str,
) -> Result<String, AppError> {
    let defs = types.get(c)?;
    let def = find_type(&defs, type_slug).ok_or(AppError::NotFound)?;
    let code = canonical_unit_code(unit)
        .filter(|u| def.accepted_units.iter().any(|a| a == u))
        .ok_or_else(|| {
            FieldError::new(
                "unit",
                "unit_not_accepted",
                format!(
                    "{} is shown in {}.",
                    def.name,
                    def.accepted_units
                        .iter()
                        .map(|u| kindred_domain::measurement::unit_label(u))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            )
        })?;
    let row = kindred_db::models::measurement::DisplayUnit {
        user_id: owner.id().to_string(),
        type_slug: def.slug.clone(),
        unit: code.to_string(),
        updated_at: kindred_db::now_utc().naive_utc(),
    };
    let attempt =
        |c: &mut DbConn| kindred_db::write_tx(c, |c| measurements::set_display_unit(c, &row));
    match attempt(c) {
        // A concurrent first choice inserted the row in between: now it updates.
        Err(DbError::UniqueViolation { .. }) => attempt(c)?,
        other => other?,
    }
    Ok(code.to_string())
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Valid data rows in the file.
    pub rows: usize,
    /// Rows stored now (0 on a dry run).
    pub imported: usize,
    /// Rows skipped (or that would be) because their `client_id` was used before.
    pub duplicates: usize,
    /// Bad lines skipped (only when the member chose to skip them), up to
    /// [`MAX_LINE_ERRORS`] of them.
    pub skipped: Vec<kindred_domain::measurement::LineError>,
    /// How many lines were bad and skipped in all.
    pub skipped_lines: usize,
    /// Lines whose value is far from the member's stored readings of the type (the rule of
    /// `POST /me/measurements`); imported all the same, listed so that a unit mix-up is seen,
    /// up to [`MAX_LINE_ERRORS`] of them.
    pub unusual: Vec<kindred_domain::measurement::LineError>,
    /// How many lines are unusual in all.
    pub unusual_lines: usize,
}

/// Bad lines listed in one answer (the total is given after them).
pub const MAX_LINE_ERRORS: usize = 100;

/// How an import treats bad lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportMode {
    /// Store nothing; report what would happen.
    pub dry_run: bool,
    /// Store the valid lines and report the bad ones (default: any bad line and nothing is
    /// stored).
    pub skip_invalid: bool,
}

/// Imports readings from CSV text; every bad line is reported (up to [`MAX_LINE_ERRORS`],
/// then the total). All or none unless the member chose to skip bad lines. A dry run stores
/// nothing and counts what storing would skip. Times without an offset are read in the
/// owner's time zone.
pub fn import(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    csv: &str,
    mode: ImportMode,
) -> Result<Imported, AppError> {
    if let Some(pos) = csv.find('\0') {
        let line = csv[..pos].matches('\n').count() + 1;
        return Err(FieldError::new(
            format!("lines[{line}]"),
            "invalid_character",
            "This line holds a NUL character, which cannot be stored.",
        )
        .into());
    }
    let defs = types.get(c)?;
    let tz = kindred_db::queries::users::find(c, owner.id())?
        .and_then(|u| u.time_zone)
        .and_then(|tz| tz.parse::<chrono_tz::Tz>().ok());
    let (valid, errors) = validate_rows(&defs, csv, Utc::now(), tz);
    // A bad header is a bad file, whatever the mode.
    let file_level = errors.iter().any(|e| e.line == 1);
    if !errors.is_empty() && (!mode.skip_invalid || file_level) {
        let mut fe = FieldErrors::new();
        let total = errors.len();
        for e in errors.into_iter().take(MAX_LINE_ERRORS) {
            fe.push(FieldError::new(
                format!("lines[{}].{}", e.line, e.field),
                e.code,
                format!("Line {}: {}", e.line, e.message),
            ));
        }
        if total > MAX_LINE_ERRORS {
            fe.push(FieldError::new(
                "lines",
                "too_many_errors",
                format!("{total} lines have errors; the first {MAX_LINE_ERRORS} are listed."),
            ));
        }
        return Err(fe.into());
    }
    if valid.is_empty() {
        return Err(FieldError::new("body", "empty", "The file has no valid data rows.").into());
    }
    let skipped_lines = {
        let mut lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        lines.dedup();
        lines.len()
    };
    let skipped: Vec<_> = errors.into_iter().take(MAX_LINE_ERRORS).collect();
    let rows = valid.len();
    let mut unusual = Vec::new();
    let mut unusual_lines = 0;
    for (line, v) in &valid {
        let Some(def) = find_type(&defs, &v.type_slug) else { continue };
        if let Some(u) = unusual_reading(c, owner, def, v)? {
            unusual_lines += 1;
            if unusual.len() < MAX_LINE_ERRORS {
                unusual.push(kindred_domain::measurement::LineError {
                    line: *line,
                    field: u.field,
                    code: "unusual_value".into(),
                    message: u.message,
                });
            }
        }
    }
    if mode.dry_run {
        // What storing would skip: client ids already stored, or repeated in the file.
        let ids: Vec<String> = valid.iter().filter_map(|(_, v)| v.client_id.clone()).collect();
        let mut seen: std::collections::HashSet<String> =
            measurements::find_by_client_ids(c, owner.id(), &ids)?
                .into_iter()
                .filter_map(|m| m.client_id)
                .collect();
        let duplicates = ids.into_iter().filter(|k| !seen.insert(k.clone())).count();
        return Ok(Imported {
            rows,
            imported: 0,
            duplicates,
            skipped,
            skipped_lines,
            unusual,
            unusual_lines,
        });
    }
    let readings: Vec<_> = valid.into_iter().map(|(_, v)| v).collect();
    let imported = kindred_db::write_tx(c, |c| store_new_in_tx(c, owner.id(), &readings, false))?;
    Ok(Imported {
        rows,
        imported,
        duplicates: rows - imported,
        skipped,
        skipped_lines,
        unusual,
        unusual_lines,
    })
}

/// A page of the owner's readings, newest first (fetch `limit + 1` to know whether more
/// follow; see `kindred_db::page::cut`).
pub fn list(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    filter: &measurements::ListFilter,
    limit: i64,
) -> Result<(Vec<Measurement>, Arc<Vec<MeasurementTypeDef>>), AppError> {
    let rows = measurements::list(c, owner.id(), filter, limit)?;
    Ok((rows, types.get(c)?))
}

/// Adds a measurement type to the catalog (admins), and audits it.
pub fn create_type(
    c: &mut DbConn,
    admin: &Admin,
    def: &MeasurementTypeDef,
) -> Result<(), AppError> {
    validate_type_def(def)?;
    let json = serde_json::to_string(def).map_err(AppError::internal)?;
    kindred_db::write_tx(c, |c| {
        measurements::insert_type(
            c,
            &MeasurementTypeRow {
                slug: def.slug.clone(),
                definition: json,
                builtin: false,
                created_at: kindred_db::now_utc().naive_utc(),
            },
        )?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminMeasurementTypeCreated, Some(admin.id()))
                .subject("measurement_type", &def.slug),
        )?;
        Ok(())
    })
}

/// Stores readings idempotently in one transaction: readings whose client id the owner used
/// before come back as stored (`false`) instead of being duplicated. When a concurrent request
/// stores one of the same client ids in between, the unique index refuses the insert
/// (`client_id_race`) and the whole transaction runs once more, which then finds it.
fn store(
    c: &mut DbConn,
    owner: &Owner,
    valid: &[ValidMeasurement],
) -> Result<Vec<(Measurement, bool)>, AppError> {
    let attempt = |c: &mut DbConn| kindred_db::write_tx(c, |c| store_in_tx(c, owner.id(), valid));
    match attempt(c) {
        Err(AppError::Conflict { code: "client_id_race", .. }) => attempt(c),
        other => other,
    }
}

/// Stores the readings whose client id is new, in one transaction; returns how many were
/// stored (the rest were stored before, or repeat an earlier one). With `raise_totals` (the
/// Apple Health import), a day total (steps) stored before is raised when the new one is
/// larger, and counts as stored. For imports, which count duplicates and need not return
/// them.
pub(crate) fn store_new_in_tx(
    c: &mut DbConn,
    user_id: &str,
    valid: &[ValidMeasurement],
    raise_totals: bool,
) -> Result<usize, AppError> {
    use kindred_domain::measurement::apple_health::is_day_total;
    let (totals, rows): (Vec<Measurement>, Vec<Measurement>) = valid
        .iter()
        .map(|v| Measurement::from_valid(user_id, v))
        .partition(|m| raise_totals && is_day_total(&m.type_slug) && m.client_id.is_some());
    Ok(measurements::insert_new(c, &rows)? + measurements::raise_day_totals(c, &totals)?)
}

fn store_in_tx(
    c: &mut DbConn,
    user_id: &str,
    valid: &[ValidMeasurement],
) -> Result<Vec<(Measurement, bool)>, AppError> {
    let ids: Vec<String> = valid.iter().filter_map(|v| v.client_id.clone()).collect();
    let mut known: std::collections::HashMap<String, Measurement> =
        measurements::find_by_client_ids(c, user_id, &ids)?
            .into_iter()
            .filter_map(|m| m.client_id.clone().map(|k| (k, m)))
            .collect();
    let mut out = Vec::with_capacity(valid.len());
    let mut fresh = Vec::new();
    for v in valid {
        if let Some(m) = v.client_id.as_ref().and_then(|k| known.get(k)) {
            out.push((m.clone(), false));
            continue;
        }
        let m = Measurement::from_valid(user_id, v);
        if let Some(k) = &m.client_id {
            known.insert(k.clone(), m.clone());
        }
        fresh.push(m.clone());
        out.push((m, true));
    }
    measurements::insert_many(c, &fresh)?;
    Ok(out)
}

/// A stored reading's values as the member sent them: one value, or components named by the
/// type (blood pressure: systolic, diastolic).
pub fn values_of(
    m: &Measurement,
    def: Option<&MeasurementTypeDef>,
) -> (Option<f64>, Option<BTreeMap<String, f64>>) {
    match def.filter(|d| d.is_multi()) {
        Some(d) => {
            let mut map = BTreeMap::new();
            map.insert(d.components[0].key.clone(), m.value1);
            if let (Some(c), Some(v)) = (d.components.get(1), m.value2) {
                map.insert(c.key.clone(), v);
            }
            (None, Some(map))
        }
        None => (Some(m.value1), None),
    }
}

/// When a reading was taken, in the member's own offset at the time (RFC 3339).
pub fn local_time(m: &Measurement) -> String {
    let offset = FixedOffset::east_opt(m.utc_offset_minutes * 60).unwrap_or(Utc.fix());
    m.taken_at.and_utc().with_timezone(&offset).to_rfc3339()
}

/// A correction of one reading (its type cannot change); `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct Correction {
    /// New value (single-valued types).
    pub value: Option<f64>,
    /// New components (multi-valued types).
    pub components: Option<BTreeMap<String, f64>>,
    /// Unit of the new values.
    pub unit: Option<String>,
    /// New time (RFC 3339 with offset).
    pub taken_at: Option<String>,
    /// New note (empty clears it).
    pub note: Option<String>,
}

/// Corrects one of the owner's readings; the previous version is kept in its edit history.
/// An empty correction is refused (it would only add a history row).
pub fn update(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    id: &str,
    fix: &Correction,
) -> Result<(Measurement, Arc<Vec<MeasurementTypeDef>>), AppError> {
    if fix.value.is_none()
        && fix.components.is_none()
        && fix.taken_at.is_none()
        && fix.note.is_none()
    {
        return Err(FieldError::new(
            "body",
            "empty",
            "Send at least one of value, components, taken_at or note.",
        )
        .into());
    }
    kindred_db::write_tx(c, |c| {
        let before = measurements::find_for_user(c, owner.id(), id)?.ok_or(AppError::NotFound)?;
        let defs = types.get(c)?;
        let def = find_type(&defs, &before.type_slug).ok_or(AppError::NotFound)?;
        let (value, components) = values_of(&before, Some(def));
        let local = local_time(&before);
        let values_given = fix.value.is_some() || fix.components.is_some();
        let input = MeasurementInput {
            type_slug: before.type_slug.clone(),
            value: if values_given { fix.value } else { value },
            components: if values_given { fix.components.clone() } else { components.clone() },
            unit: if values_given { fix.unit.clone() } else { None },
            taken_at: fix.taken_at.clone().unwrap_or(local.clone()),
            source: Some(before.source()?),
            client_id: None,
            note: fix.note.clone().or(before.note.clone()),
            context: before.context()?,
            confirm_unusual: true,
        };
        let valid = validate(def, &input, Utc::now())?;
        let mut after = Measurement::from_valid(owner.id(), &valid);
        after.id = before.id.clone();
        after.client_id = before.client_id.clone();
        after.created_at = before.created_at;
        let previous = serde_json::json!({
            "value": value, "components": components, "unit": before.unit,
            "taken_at": local, "note": before.note,
        });
        measurements::update_with_history(c, &before, &after, &previous.to_string())?;
        Ok((after, defs.clone()))
    })
}

/// Count / min / max / mean of the owner's readings of one type per bucket over
/// `[from, to)`, computed in the database; with the type's definition.
pub fn summary(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    type_slug: &str,
    (from, to): (NaiveDateTime, NaiveDateTime),
    bucket: measurements::SummaryBucket,
) -> Result<(Vec<measurements::SummaryRow>, MeasurementTypeDef), AppError> {
    let defs = types.get(c)?;
    let def = find_type(&defs, type_slug).cloned().ok_or_else(|| {
        FieldError::new("type", "unknown_type", "Choose a type from GET /measurement-types.")
    })?;
    Ok((measurements::summary(c, owner.id(), type_slug, from, to, bucket)?, def))
}

/// The owner's readings (of one type, or all) as CSV for a spreadsheet, oldest first, each
/// value in the owner's display unit for its type; the columns are the ones
/// [`import`] reads, so the file can be imported again (cells that a spreadsheet would run as
/// a formula are defused).
pub fn export_csv(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    type_slug: Option<&str>,
) -> Result<String, AppError> {
    use kindred_domain::csv_cell::safe;
    use kindred_domain::measurement::{convert, round_to, unit_label};
    let defs = types.get(c)?;
    if let Some(slug) = type_slug {
        if find_type(&defs, slug).is_none() {
            return Err(FieldError::new(
                "type",
                "unknown_type",
                "Choose a type from GET /measurement-types.",
            )
            .into());
        }
    }
    let units: std::collections::HashMap<String, String> =
        measurements::display_units(c, owner.id())?
            .into_iter()
            .map(|d| (d.type_slug, d.unit))
            .collect();
    let mut filter =
        measurements::ListFilter { type_slug: type_slug.map(str::to_string), ..Default::default() };
    let mut rows = Vec::new();
    loop {
        let page = measurements::list(c, owner.id(), &filter, 5000)?;
        let Some(last) = page.last() else { break };
        filter.before = Some((last.taken_at, last.id.clone()));
        let full = page.len() == 5000;
        rows.extend(page);
        if !full {
            break;
        }
    }
    rows.reverse();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "type",
        "value",
        "systolic",
        "diastolic",
        "unit",
        "taken_at",
        "context",
        "note",
        "client_id",
    ];
    w.write_record(header).map_err(AppError::internal)?;
    for m in &rows {
        let def = find_type(&defs, &m.type_slug);
        let unit = units.get(&m.type_slug).map(String::as_str).unwrap_or(m.unit.as_str());
        let decimals = def.map(|d| d.decimals).unwrap_or(6);
        let show = |v: f64| {
            let v = round_to(convert(v, &m.unit, unit).unwrap_or(v), decimals);
            format!("{v}")
        };
        let unit = if convert(1.0, &m.unit, unit).is_some() { unit } else { m.unit.as_str() };
        let (value, sys, dia) = match def.filter(|d| d.is_multi()) {
            Some(_) => (String::new(), show(m.value1), m.value2.map(show).unwrap_or_default()),
            None => (show(m.value1), String::new(), String::new()),
        };
        w.write_record([
            m.type_slug.as_str(),
            &value,
            &sys,
            &dia,
            unit_label(unit),
            &local_time(m),
            m.context.as_deref().unwrap_or(""),
            &safe(m.note.as_deref().unwrap_or("")),
            &safe(m.client_id.as_deref().unwrap_or("")),
        ])
        .map_err(AppError::internal)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(AppError::internal)
}

/// Days over which the dashboard counts readings in range.
pub const TIME_IN_RANGE_DAYS: i64 = 30;

/// One of the owner's targets with how their recent readings met it.
#[derive(Debug, Clone)]
pub struct TargetStatus {
    /// The stored target (canonical unit).
    pub row: kindred_db::models::measurement::TargetRow,
    /// The type's definition.
    pub def: MeasurementTypeDef,
    /// Readings of the type in the last [`TIME_IN_RANGE_DAYS`] days.
    pub readings: usize,
    /// How many of them were in range on every component.
    pub in_range: usize,
}

fn target_of(
    row: &kindred_db::models::measurement::TargetRow,
) -> kindred_domain::measurement::Target {
    use kindred_domain::measurement::Bounds;
    kindred_domain::measurement::Target {
        bounds: vec![
            Bounds { low: row.low1, high: row.high1 },
            Bounds { low: row.low2, high: row.high2 },
        ],
    }
}

/// The owner's targets, each with the share of the last [`TIME_IN_RANGE_DAYS`] days' readings
/// in range.
pub fn targets(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    now: chrono::DateTime<Utc>,
) -> Result<Vec<TargetStatus>, AppError> {
    let defs = types.get(c)?;
    let since = (now - chrono::TimeDelta::days(TIME_IN_RANGE_DAYS)).naive_utc();
    let mut out = Vec::new();
    for row in measurements::targets(c, owner.id())? {
        // A target of a type that no longer exists is not shown.
        let Some(def) = find_type(&defs, &row.type_slug).cloned() else { continue };
        let target = target_of(&row);
        let values = measurements::values_since(c, owner.id(), &row.type_slug, since)?;
        let in_range = values
            .iter()
            .filter(|(a, b)| {
                let v: Vec<f64> = std::iter::once(*a).chain(*b).collect();
                target.contains(&v)
            })
            .count();
        out.push(TargetStatus { row, def, readings: values.len(), in_range });
    }
    Ok(out)
}

/// Sets the owner's target range for a type (see
/// [`kindred_domain::measurement::parse_target`]); an unknown type is not found.
pub fn set_target(
    c: &mut DbConn,
    owner: &Owner,
    types: &TypeCache,
    type_slug: &str,
    ranges: &BTreeMap<String, kindred_domain::measurement::Bounds>,
    unit: Option<&str>,
) -> Result<(), AppError> {
    let defs = types.get(c)?;
    let def = find_type(&defs, type_slug).ok_or(AppError::NotFound)?;
    let t = kindred_domain::measurement::parse_target(def, ranges, unit)?;
    let b = |i: usize| t.bounds.get(i).copied().unwrap_or_default();
    let row = kindred_db::models::measurement::TargetRow {
        user_id: owner.id().to_string(),
        type_slug: def.slug.clone(),
        low1: b(0).low,
        high1: b(0).high,
        low2: b(1).low,
        high2: b(1).high,
        updated_at: kindred_db::now_utc().naive_utc(),
    };
    let attempt = |c: &mut DbConn| kindred_db::write_tx(c, |c| measurements::set_target(c, &row));
    match attempt(c) {
        // A concurrent first target inserted the row in between: now it updates.
        Err(DbError::UniqueViolation { .. }) => attempt(c)?,
        other => other?,
    }
    Ok(())
}

/// Removes the owner's target range for a type; none set is not found.
pub fn delete_target(c: &mut DbConn, owner: &Owner, type_slug: &str) -> Result<(), AppError> {
    if kindred_db::write_tx(c, |c| measurements::delete_target(c, owner.id(), type_slug))? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
