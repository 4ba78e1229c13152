//! De-identified exports of a study's consented data (DESIGN §6.6): the formats, the states an
//! export passes through, and the rules that decide what a row may hold.
//!
//! What an export never holds, whatever the format: a name, email, handle, the user id, an IP
//! address, an exact birth date, free text (measurement notes, text answers, posts) or a date
//! answer. A participant appears under a random pseudonym of the study; age is a 5-year band
//! (90+ pooled); country is kept and nothing finer; dates are day offsets from the
//! participant's first data point in the export unless the study was approved with
//! `absolute` dates. The row types below are the only things the writer can put in a file,
//! so a field that is not here cannot leak.

use std::borrow::Cow;
use std::io::Write as _;

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

use crate::study::DateMode;

text_enum! {
    /// The file format of an export (always inside a zip).
    ExportFormat {
        /// One CSV file per table.
        Csv = "csv",
        /// The same rows as newline-delimited JSON.
        Ndjson = "ndjson",
        /// FHIR R4 resources as Bulk Data NDJSON, one file per resource type.
        Fhir = "fhir",
    }
}

text_enum! {
    /// Where an export stands. `queued` → `running` (claimed by a worker under a lease) →
    /// `ready` (the file is complete) or `failed`; a `ready` export becomes `expired` when its
    /// file is deleted after the retention period.
    ExportStatus {
        /// Waiting for a worker.
        Queued = "queued",
        /// Being written.
        Running = "running",
        /// Complete: the file may be downloaded.
        Ready = "ready",
        /// Given up (its error says why); nothing was shared.
        Failed = "failed",
        /// The file was deleted after the retention period; the record stays.
        Expired = "expired",
    }
}

/// Claims of one export before it is marked failed (a worker crash counts as an attempt).
pub const MAX_ATTEMPTS: i32 = 3;

/// Days an export file is kept unless the deployment configures otherwise.
pub const DEFAULT_RETENTION_DAYS: i64 = 30;

/// The 5-year age band of someone born in `birth_year`, in `year`: `35-39`; 90 and over are
/// pooled as `90+`. `None` for an impossible age.
pub fn age_band(birth_year: i32, year: i32) -> Option<String> {
    let age = year.checked_sub(birth_year)?;
    match age {
        a if !(0..=130).contains(&a) => None,
        a if a >= 90 => Some("90+".into()),
        a => {
            let lo = a / 5 * 5;
            Some(format!("{lo}-{}", lo + 4))
        }
    }
}

/// Whole calendar days (UTC) from `first` to `at`.
pub fn day_offset(first: NaiveDateTime, at: NaiveDateTime) -> i64 {
    (at.date() - first.date()).num_days()
}

/// Which of the requested categories an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCut {
    /// Granted by at least k participants: exported (for those who granted them).
    pub included: Vec<String>,
    /// Granted by fewer than k participants: left out for everyone (the manifest says so).
    pub suppressed: Vec<String>,
}

/// Splits the study's categories (in the study's order) into those granted by at least `k`
/// of the participants and those granted by fewer.
pub fn cut_categories(requested: &[String], grants: &[Vec<String>], k: usize) -> CategoryCut {
    let mut cut = CategoryCut { included: Vec::new(), suppressed: Vec::new() };
    for c in requested {
        let n = grants.iter().filter(|g| g.contains(c)).count();
        if n >= k {
            cut.included.push(c.clone());
        } else {
            cut.suppressed.push(c.clone());
        }
    }
    cut
}

/// When a row happened, as the study's date mode allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// Days since the participant's first data point in the export.
    Day(i64),
    /// The UTC timestamp.
    At(NaiveDateTime),
}

impl When {
    /// The row's time under `mode`, `first` being the participant's first data point.
    pub fn of(mode: DateMode, first: NaiveDateTime, at: NaiveDateTime) -> When {
        match mode {
            DateMode::Relative => When::Day(day_offset(first, at)),
            DateMode::Absolute => When::At(at),
        }
    }

    fn cell(self) -> Cell<'static> {
        match self {
            When::Day(d) => Cell::Int(d),
            When::At(t) => Cell::Text(Cow::Owned(timestamp(t))),
        }
    }
}

/// An RFC 3339 UTC timestamp with seconds (also a valid FHIR `dateTime`).
pub fn timestamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The column of a row's time: `day` (relative) or `at` (absolute).
pub fn when_column(mode: DateMode) -> &'static str {
    match mode {
        DateMode::Relative => "day",
        DateMode::Absolute => "at",
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text (in CSV, guarded against spreadsheet formulas).
    Text(Cow<'a, str>),
    /// A whole number.
    Int(i64),
    /// A number.
    Num(f64),
    /// No value.
    Null,
}

impl From<Option<String>> for Cell<'_> {
    fn from(v: Option<String>) -> Self {
        v.map_or(Cell::Null, |s| Cell::Text(Cow::Owned(s)))
    }
}

impl From<Option<f64>> for Cell<'_> {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Cell::Null, Cell::Num)
    }
}

impl From<Option<i32>> for Cell<'_> {
    fn from(v: Option<i32>) -> Self {
        v.map_or(Cell::Null, |n| Cell::Int(n.into()))
    }
}

/// The tables of a `csv` or `ndjson` export, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per participant.
    Participants,
    /// The participants' conditions.
    Conditions,
    /// Questionnaire responses (scores).
    QuestionnaireResponses,
    /// The answers of those responses.
    QuestionnaireItems,
    /// Measurements.
    Measurements,
}

impl Table {
    /// Every table, in file order.
    pub const ALL: [Table; 5] = [
        Table::Participants,
        Table::Conditions,
        Table::QuestionnaireResponses,
        Table::QuestionnaireItems,
        Table::Measurements,
    ];

    /// The file's base name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Participants => "participants",
            Table::Conditions => "conditions",
            Table::QuestionnaireResponses => "questionnaire_responses",
            Table::QuestionnaireItems => "questionnaire_items",
            Table::Measurements => "measurements",
        }
    }

    /// The columns, in order.
    pub fn columns(self, mode: DateMode) -> Vec<&'static str> {
        let when = when_column(mode);
        match self {
            Table::Participants => vec!["participant", "age_band", "country"],
            Table::Conditions => vec!["participant", "icd10", "condition", "diagnosis_year"],
            Table::QuestionnaireResponses => {
                vec!["response", "participant", "questionnaire", "version", when, "score", "band"]
            }
            Table::QuestionnaireItems => vec!["response", "item", "value", "choices"],
            Table::Measurements => vec!["participant", "type", when, "value", "value2", "unit"],
        }
    }

    /// The file name in a `csv` or `ndjson` export.
    pub fn file_name(self, format: ExportFormat) -> String {
        let ext = if format == ExportFormat::Csv { "csv" } else { "ndjson" };
        format!("{}.{ext}", self.name())
    }
}

/// A participant: pseudonym, and the demographics when granted.
pub struct ParticipantRow<'a> {
    /// The study pseudonym.
    pub participant: &'a str,
    /// 5-year age band (demographics only).
    pub age_band: Option<String>,
    /// Country code (demographics only).
    pub country: Option<String>,
}

/// A condition of a participant.
pub struct ConditionRow<'a> {
    /// The study pseudonym.
    pub participant: &'a str,
    /// ICD-10 code.
    pub icd10: &'a str,
    /// The condition's name on the platform.
    pub condition: &'a str,
    /// Year of diagnosis, when given.
    pub diagnosis_year: Option<i32>,
}

/// A questionnaire response.
pub struct ResponseRow<'a> {
    /// Its key in this export (joins to `questionnaire_items`; reveals nothing of the response).
    pub response: &'a str,
    /// The study pseudonym.
    pub participant: &'a str,
    /// The questionnaire's slug.
    pub questionnaire: &'a str,
    /// The version answered.
    pub version: i32,
    /// When it was submitted.
    pub when: When,
    /// Total score.
    pub score: Option<f64>,
    /// Score band.
    pub band: Option<String>,
}

/// One answer of a response (numeric answers only: free text and date answers never leave).
pub struct ItemRow<'a> {
    /// The response's key in this export.
    pub response: &'a str,
    /// The item's key.
    pub item: &'a str,
    /// The numeric answer (a multi-choice item: the sum of its choices).
    pub value: Option<f64>,
    /// A multi-choice item's chosen option values, as a JSON array.
    pub choices: Option<String>,
}

/// A measurement.
pub struct MeasurementRow<'a> {
    /// The study pseudonym.
    pub participant: &'a str,
    /// The measurement type's slug.
    pub kind: &'a str,
    /// When it was taken.
    pub when: When,
    /// The value (systolic for blood pressure).
    pub value: f64,
    /// The second value (diastolic for blood pressure).
    pub value2: Option<f64>,
    /// UCUM unit.
    pub unit: &'a str,
}

/// A row of one of the tables: its cells in the table's column order.
pub trait Row {
    /// The table it belongs to.
    const TABLE: Table;
    /// The cells, in [`Table::columns`] order.
    fn cells(&self) -> Vec<Cell<'_>>;
}

impl Row for ParticipantRow<'_> {
    const TABLE: Table = Table::Participants;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(self.participant.into()),
            self.age_band.clone().into(),
            self.country.clone().into(),
        ]
    }
}

impl Row for ConditionRow<'_> {
    const TABLE: Table = Table::Conditions;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(self.participant.into()),
            Cell::Text(self.icd10.into()),
            Cell::Text(self.condition.into()),
            self.diagnosis_year.into(),
        ]
    }
}

impl Row for ResponseRow<'_> {
    const TABLE: Table = Table::QuestionnaireResponses;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(self.response.into()),
            Cell::Text(self.participant.into()),
            Cell::Text(self.questionnaire.into()),
            Cell::Int(self.version.into()),
            self.when.cell(),
            self.score.into(),
            self.band.clone().into(),
        ]
    }
}

impl Row for ItemRow<'_> {
    const TABLE: Table = Table::QuestionnaireItems;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(self.response.into()),
            Cell::Text(self.item.into()),
            self.value.into(),
            self.choices.clone().into(),
        ]
    }
}

impl Row for MeasurementRow<'_> {
    const TABLE: Table = Table::Measurements;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(self.participant.into()),
            Cell::Text(self.kind.into()),
            self.when.cell(),
            Cell::Num(self.value),
            self.value2.into(),
            Cell::Text(self.unit.into()),
        ]
    }
}

/// The cells as CSV fields (text guarded against formulas, numbers as written by Rust).
pub fn csv_fields(cells: &[Cell<'_>]) -> Vec<String> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(s) => crate::csv_cell::safe(s).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => x.to_string(),
            Cell::Null => String::new(),
        })
        .collect()
}

/// Appends one CSV line (RFC 4180: a field with a comma, quote or line break is quoted, its
/// quotes doubled); lines end with `\n`.
pub fn csv_line(fields: &[String], out: &mut Vec<u8>) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if f.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            out.push(b'"');
            out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    out.push(b'\n');
}

/// Appends the cells as one CSV line, as [`csv_fields`] + [`csv_line`] would, without
/// allocating per cell (the export's hot path).
pub fn csv_write(cells: &[Cell<'_>], out: &mut Vec<u8>) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match c {
            Cell::Text(t) => {
                let t = crate::csv_cell::safe(t);
                if t.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
                    out.push(b'"');
                    out.extend_from_slice(t.replace('"', "\"\"").as_bytes());
                    out.push(b'"');
                } else {
                    out.extend_from_slice(t.as_bytes());
                }
            }
            // Writing into a Vec cannot fail.
            Cell::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Cell::Num(x) => {
                let _ = write!(out, "{x}");
            }
            Cell::Null => {}
        }
    }
    out.push(b'\n');
}

/// The cells as one JSON object keyed by the table's columns.
pub fn json_object(columns: &[&str], cells: Vec<Cell<'_>>) -> Value {
    let mut m = Map::new();
    for (k, c) in columns.iter().zip(cells) {
        let v = match c {
            Cell::Text(s) => Value::String(s.into_owned()),
            Cell::Int(n) => Value::from(n),
            Cell::Num(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
            Cell::Null => Value::Null,
        };
        m.insert((*k).to_string(), v);
    }
    Value::Object(m)
}

/// The data dictionary (`README.txt`) of an export.
pub fn readme(format: ExportFormat, mode: DateMode, k: i32) -> String {
    let when = match mode {
        DateMode::Relative => {
            "day: whole days since the participant's first data point in this export \
             (0 = that day). No calendar dates are given."
        }
        DateMode::Absolute => "at: the UTC time (RFC 3339), as the study was approved to receive.",
    };
    let files = match format {
        ExportFormat::Fhir => "\
Patient.ndjson                FHIR R4 Patient: the pseudonym only.
Condition.ndjson              FHIR R4 Condition: ICD-10 code, year of diagnosis.
Observation.ndjson            FHIR R4 Observation: LOINC code (Kindred code where LOINC has
                              none), value in UCUM; blood pressure as one Observation with a
                              systolic and a diastolic component.
QuestionnaireResponse.ndjson  FHIR R4 QuestionnaireResponse: numeric and choice answers only.
Questionnaire.ndjson          FHIR R4 Questionnaire: each version answered.
With relative dates, a resource carries its day as the extension urn:kindred:relative-day
(valueInteger) and no effective / authored time.
"
        .to_string(),
        _ => {
            let ext = if format == ExportFormat::Csv { "csv" } else { "ndjson" };
            format!(
                "\
participants.{ext}             participant, age_band, country
  participant: the study pseudonym (random; the same in every export of this study; never
               the same as in another study). age_band: 5-year band, 90+ pooled (only when
               demographics were granted). country: ISO 3166 code (idem).
conditions.{ext}               participant, icd10, condition, diagnosis_year
questionnaire_responses.{ext}  response, participant, questionnaire, version, {w}, score, band
  response: a key for the response within this export (joins questionnaire_items).
questionnaire_items.{ext}      response, item, value, choices
  value: the numeric answer (a multi-choice item: the sum of the values chosen);
  choices: a multi-choice item's chosen values as a JSON array. Free-text and date answers
  are never exported.
measurements.{ext}             participant, type, {w}, value, value2, unit
  value2: the second component (diastolic for blood_pressure). unit: UCUM.
",
                w = when_column(mode)
            )
        }
    };
    format!(
        "Kindred research export ({f})\n\n\
         De-identified: no names, emails, handles, account ids, IP addresses, exact birth dates \
         or free text. Only participants whose consent was active when the export ran, only the \
         categories each of them granted, only data inside the study's window. A category \
         granted by fewer than {k} participants is left out for everyone (manifest.json: \
         suppressed_categories).\n\n\
         Dates: {when}\n\n\
         Files\n{files}\n\
         manifest.json                 study, export id, format, date mode, consent snapshot \
         (participant, consent version, categories), row counts, SHA-256 of each file.\n",
        f = format.as_str(),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn ages_fall_in_five_year_bands_and_ninety_plus_is_pooled() {
        assert_eq!(age_band(1990, 2026).as_deref(), Some("35-39"));
        assert_eq!(age_band(1991, 2026).as_deref(), Some("35-39"));
        assert_eq!(age_band(1986, 2026).as_deref(), Some("40-44"));
        assert_eq!(age_band(1936, 2026).as_deref(), Some("90+"));
        assert_eq!(age_band(1900, 2026).as_deref(), Some("90+"));
        assert_eq!(age_band(2030, 2026), None);
    }

    #[test]
    fn day_offsets_count_calendar_days() {
        let d =
            |day, h| NaiveDate::from_ymd_opt(2026, 5, day).unwrap().and_hms_opt(h, 0, 0).unwrap();
        assert_eq!(day_offset(d(3, 23), d(3, 1)), 0);
        assert_eq!(day_offset(d(3, 23), d(4, 1)), 1);
        assert_eq!(day_offset(d(3, 1), d(13, 1)), 10);
    }

    #[test]
    fn a_category_granted_by_fewer_than_k_is_left_out() {
        let req: Vec<String> = ["demographics", "measurement:steps"].map(String::from).to_vec();
        let mut grants = vec![vec!["demographics".to_string()]; 11];
        grants[0].push("measurement:steps".into());
        let cut = cut_categories(&req, &grants, 11);
        assert_eq!(cut.included, vec!["demographics".to_string()]);
        assert_eq!(cut.suppressed, vec!["measurement:steps".to_string()]);
    }

    #[test]
    fn csv_lines_quote_what_needs_quoting() {
        let mut out = Vec::new();
        let fields = ["a", "b,c", "say \"hi\"", "x\ny", ""].map(String::from);
        csv_line(&fields, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\n");
    }

    #[test]
    fn the_fast_csv_writer_matches_fields_plus_line() {
        let cells = vec![
            Cell::Text("=a,b".into()),
            Cell::Int(-3),
            Cell::Num(0.1),
            Cell::Null,
            Cell::Text("say \"hi\"".into()),
        ];
        let (mut slow, mut fast) = (Vec::new(), Vec::new());
        csv_line(&csv_fields(&cells), &mut slow);
        csv_write(&cells, &mut fast);
        assert_eq!(fast, slow);
    }

    #[test]
    fn csv_text_is_guarded_and_json_keeps_types() {
        let row = MeasurementRow {
            participant: "=p",
            kind: "steps",
            when: When::Day(3),
            value: 10.5,
            value2: None,
            unit: "/d",
        };
        assert_eq!(csv_fields(&row.cells()), vec!["'=p", "steps", "3", "10.5", "", "/d"]);
        let cols = Table::Measurements.columns(DateMode::Relative);
        let v = json_object(&cols, row.cells());
        assert_eq!(v["day"], 3);
        assert_eq!(v["value2"], Value::Null);
        assert_eq!(cols.len(), row.cells().len());
    }
}
