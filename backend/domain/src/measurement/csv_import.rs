//! CSV import: a header row naming the columns, then one reading per line.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

use super::{
    find_type, parse_time, validate, MeasurementInput, MeasurementTypeDef, ReadingContext, Source,
    ValidMeasurement,
};

/// Most data rows one import may hold.
pub const MAX_CSV_ROWS: usize = 50_000;

/// One problem, tied to a line of the file (header = line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineError {
    /// 1-based line number in the file.
    pub line: usize,
    /// The column (or field) at fault.
    pub field: String,
    /// Stable code.
    pub code: String,
    /// Plain-language explanation.
    pub message: String,
}

/// A parsed data row.
#[derive(Debug, Clone)]
pub struct CsvRow {
    /// 1-based line number in the file.
    pub line: usize,
    /// The reading it holds.
    pub input: MeasurementInput,
}

fn err(line: usize, field: &str, code: &str, message: impl Into<String>) -> LineError {
    LineError { line, field: field.into(), code: code.into(), message: message.into() }
}

/// Parses the file into rows, reporting every malformed line.
pub fn parse_csv(text: &str) -> Result<Vec<CsvRow>, Vec<LineError>> {
    match parse_lines(text)? {
        (rows, errors) if errors.is_empty() => Ok(rows),
        (_, errors) => Err(errors),
    }
}

/// Parses the file: `Err` when the file as a whole cannot be read (header, size); otherwise
/// the rows that parsed and an error for each line that did not.
fn parse_lines(text: &str) -> Result<(Vec<CsvRow>, Vec<LineError>), Vec<LineError>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![err(
                1,
                "header",
                "invalid_csv",
                format!("The header row cannot be read: {e}"),
            )])
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let known = [
        "type",
        "value",
        "systolic",
        "diastolic",
        "unit",
        "taken_at",
        "note",
        "client_id",
        "context",
    ];
    let mut errors = Vec::new();
    for h in &headers {
        if !known.contains(&h.as_str()) {
            errors.push(err(
                1,
                h,
                "unknown_column",
                format!("Unknown column {h:?}; use {}.", known.join(", ")),
            ));
        }
    }
    for required in ["type", "taken_at"] {
        if col(required).is_none() {
            errors.push(err(
                1,
                required,
                "missing_column",
                format!("The header needs a {required} column."),
            ));
        }
    }
    if col("value").is_none() && (col("systolic").is_none() || col("diastolic").is_none()) {
        errors.push(err(
            1,
            "value",
            "missing_column",
            "The header needs a value column (or systolic and diastolic).",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line() as usize)
            .unwrap_or(i + 2);
        if rows.len() + errors.len() >= MAX_CSV_ROWS {
            return Err(vec![err(
                line,
                "file",
                "too_many_rows",
                format!("Import at most {MAX_CSV_ROWS} rows at a time."),
            )]);
        }
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(
                    line,
                    "line",
                    "invalid_csv",
                    format!("This line cannot be read: {e}"),
                ));
                continue;
            }
        };
        if rec.len() != headers.len() {
            errors.push(err(
                line,
                "line",
                "wrong_column_count",
                format!("Expected {} columns, found {}.", headers.len(), rec.len()),
            ));
            continue;
        }
        let get = |name: &str| {
            col(name).and_then(|c| rec.get(c)).map(str::trim).filter(|s| !s.is_empty())
        };
        let mut bad = Vec::new();
        let mut number = |name: &str| -> Option<f64> {
            let raw = get(name)?;
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    bad.push(err(line, name, "not_a_number", format!("{raw:?} is not a number.")));
                    None
                }
            }
        };
        let value = number("value");
        let (sys, dia) = (number("systolic"), number("diastolic"));
        let context = get("context").and_then(|raw| {
            let c = ReadingContext::parse(&raw.to_ascii_lowercase().replace([' ', '-'], "_"));
            if c.is_none() {
                bad.push(err(
                    line,
                    "context",
                    "unknown_context",
                    format!("{raw:?} is not a meal context: use fasting, before_meal, after_meal or bedtime."),
                ));
            }
            c
        });
        if !bad.is_empty() {
            errors.extend(bad);
            continue;
        }
        let components = (sys.is_some() || dia.is_some()).then(|| {
            let mut m = BTreeMap::new();
            if let Some(s) = sys {
                m.insert("systolic".to_string(), s);
            }
            if let Some(d) = dia {
                m.insert("diastolic".to_string(), d);
            }
            m
        });
        rows.push(CsvRow {
            line,
            input: MeasurementInput {
                type_slug: get("type").unwrap_or_default().to_string(),
                value,
                components,
                unit: get("unit").map(str::to_string),
                taken_at: get("taken_at").unwrap_or_default().to_string(),
                source: Some(Source::Import),
                client_id: get("client_id").map(str::to_string),
                note: get("note").map(str::to_string),
                context,
                confirm_unusual: true,
            },
        });
    }
    Ok((rows, errors))
}

/// Local date-time shapes accepted without an offset.
const LOCAL_FORMATS: [&str; 4] =
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];

/// A time written without a UTC offset (`2026-03-01 08:30`), read in `tz`, as RFC 3339. In the
/// hour a clock is set back the earlier reading is taken; a time skipped when clocks go
/// forward is an error.
pub fn local_time_in(raw: &str, tz: chrono_tz::Tz) -> Result<String, &'static str> {
    let naive = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw.trim(), f).ok())
        .ok_or("Use a date and time like 2026-01-31 08:30 or 2026-01-31T08:30:00+01:00.")?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.to_rfc3339())
        .ok_or("This time does not exist in your time zone (the clocks went forward).")
}

/// Parses and validates a file; returns the valid readings and a line-by-line error report
/// covering every bad line at once (unreadable values and rule violations alike), in line
/// order. Times without an offset are read in `tz` (the member's time zone); without one they
/// are an error that says how to fix it.
pub fn validate_rows(
    defs: &[MeasurementTypeDef],
    text: &str,
    now: DateTime<Utc>,
    tz: Option<chrono_tz::Tz>,
) -> (Vec<(usize, ValidMeasurement)>, Vec<LineError>) {
    let (rows, mut errors) = match parse_lines(text) {
        Ok(parsed) => parsed,
        Err(errors) => return (Vec::new(), errors),
    };
    let mut ok = Vec::new();
    for mut row in rows {
        let raw = row.input.taken_at.clone();
        if !raw.is_empty() && parse_time(&raw).is_none() {
            let read = match tz {
                Some(tz) => local_time_in(&raw, tz),
                None if LOCAL_FORMATS
                    .iter()
                    .any(|f| NaiveDateTime::parse_from_str(raw.trim(), f).is_ok()) =>
                {
                    Err("This time has no UTC offset: add one (like +01:00), or set your time \
                         zone in your profile and times without one are read in it.")
                }
                None => Err("Use a date and time like 2026-01-31T08:30:00+01:00."),
            };
            match read {
                Ok(t) => row.input.taken_at = t,
                Err(why) => {
                    errors.push(err(row.line, "taken_at", "invalid_datetime", why));
                    continue;
                }
            }
        }
        let Some(def) = find_type(defs, &row.input.type_slug) else {
            errors.push(err(
                row.line,
                "type",
                "unknown_type",
                format!("Unknown measurement type {:?}.", row.input.type_slug),
            ));
            continue;
        };
        match validate(def, &row.input, now) {
            Ok(v) => ok.push((row.line, v)),
            Err(fe) => errors.extend(fe.0.into_iter().map(|e| LineError {
                line: row.line,
                field: e.field,
                code: e.code,
                message: e.message,
            })),
        }
    }
    errors.sort_by_key(|e| e.line);
    (ok, errors)
}
