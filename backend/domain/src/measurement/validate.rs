//! Checking one reading.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::units::{canonical_unit_code, convert, round_to, unit_label, with_unit};
use super::MeasurementTypeDef;
use crate::{FieldError, FieldErrors};

/// How a reading was captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Typed in by the member.
    Manual,
    /// From a connected device.
    Device,
    /// From a file import.
    Import,
}

impl Source {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Device => "device",
            Source::Import => "import",
        }
    }

    /// Parses the stored form.
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "manual" => Some(Source::Manual),
            "device" => Some(Source::Device),
            "import" => Some(Source::Import),
            _ => None,
        }
    }
}

/// When a blood glucose reading was taken, relative to meals (stored with the reading and
/// exported with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadingContext {
    /// After at least 8 hours without food.
    Fasting,
    /// Before a meal.
    BeforeMeal,
    /// One to two hours after a meal.
    AfterMeal,
    /// At bedtime.
    Bedtime,
}

impl ReadingContext {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReadingContext::Fasting => "fasting",
            ReadingContext::BeforeMeal => "before_meal",
            ReadingContext::AfterMeal => "after_meal",
            ReadingContext::Bedtime => "bedtime",
        }
    }

    /// Parses the stored form.
    pub fn parse(s: &str) -> Option<ReadingContext> {
        match s {
            "fasting" => Some(ReadingContext::Fasting),
            "before_meal" => Some(ReadingContext::BeforeMeal),
            "after_meal" => Some(ReadingContext::AfterMeal),
            "bedtime" => Some(ReadingContext::Bedtime),
            _ => None,
        }
    }
}

/// The types whose readings take a [`ReadingContext`].
pub fn takes_context(def: &MeasurementTypeDef) -> bool {
    def.slug == "blood_glucose"
}

/// A reading as sent (already JSON-decoded; nothing checked yet).
#[derive(Debug, Clone, Default)]
pub struct MeasurementInput {
    /// Type slug.
    pub type_slug: String,
    /// The value, for single-valued types.
    pub value: Option<f64>,
    /// The component values, for multi-valued types (blood pressure).
    pub components: Option<BTreeMap<String, f64>>,
    /// Unit of the values (default: the canonical unit).
    pub unit: Option<String>,
    /// When it was taken: RFC 3339 with an offset.
    pub taken_at: String,
    /// How it was captured (default manual).
    pub source: Option<Source>,
    /// Client-chosen id that makes retries idempotent.
    pub client_id: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// When it was taken relative to meals (blood glucose only).
    pub context: Option<ReadingContext>,
    /// The member confirmed a value far from their recent readings (see [`super::unusual`]).
    pub confirm_unusual: bool,
}

/// A checked reading, in canonical units.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeasurement {
    /// Type slug.
    pub type_slug: String,
    /// Values in component order, canonical unit, rounded to the stored precision.
    pub values: Vec<f64>,
    /// The canonical unit.
    pub unit: String,
    /// When it was taken, in UTC.
    pub taken_at: DateTime<Utc>,
    /// The UTC offset the member was at, in minutes (kept for display).
    pub utc_offset_minutes: i32,
    /// How it was captured.
    pub source: Source,
    /// Client id, if any.
    pub client_id: Option<String>,
    /// Note, if any.
    pub note: Option<String>,
    /// Meal context (blood glucose only).
    pub context: Option<ReadingContext>,
}

/// Looks a type up by slug.
pub fn find_type<'a>(defs: &'a [MeasurementTypeDef], slug: &str) -> Option<&'a MeasurementTypeDef> {
    defs.iter().find(|d| d.slug == slug)
}

/// How far in the future a reading may claim to be (clock skew).
const FUTURE_ALLOWANCE: TimeDelta = TimeDelta::minutes(5);

fn fmt(v: f64) -> String {
    let s = format!("{v}");
    s.trim_end_matches(".0").to_string()
}

/// Checks a reading against its type; converts and rounds the values.
pub fn validate(
    def: &MeasurementTypeDef,
    input: &MeasurementInput,
    now: DateTime<Utc>,
) -> Result<ValidMeasurement, FieldErrors> {
    let mut errs = FieldErrors::new();
    let unit_from = match &input.unit {
        None => Some(def.unit.clone()),
        Some(raw) => {
            match canonical_unit_code(raw).filter(|u| def.accepted_units.iter().any(|a| a == u)) {
                Some(u) => Some(u.to_string()),
                None => {
                    errs.add(
                        "unit",
                        "unit_not_accepted",
                        format!(
                            "{} accepts {}.",
                            def.name,
                            def.accepted_units
                                .iter()
                                .map(|u| unit_label(u))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                    None
                }
            }
        }
    };

    // Raw values paired with their field path.
    let mut raw: Vec<(String, Option<f64>)> = Vec::new();
    if def.is_multi() {
        if input.value.is_some() {
            errs.add(
                "value",
                "not_allowed",
                format!("Send {} as components, not value.", def.name),
            );
        }
        match &input.components {
            None => errs.add(
                "components",
                "required",
                format!(
                    "Send components {}.",
                    def.components.iter().map(|c| c.key.as_str()).collect::<Vec<_>>().join(" and ")
                ),
            ),
            Some(map) => {
                for key in map.keys() {
                    if !def.components.iter().any(|c| &c.key == key) {
                        errs.add(
                            format!("components.{key}"),
                            "unknown_component",
                            format!("{} has no component {key}.", def.name),
                        );
                    }
                }
                for c in &def.components {
                    raw.push((format!("components.{}", c.key), map.get(&c.key).copied()));
                }
            }
        }
    } else {
        if input.components.is_some() {
            errs.add("components", "not_allowed", format!("Send {} as value.", def.name));
        }
        raw.push(("value".into(), input.value));
    }

    let mut values = Vec::new();
    for ((field, v), comp) in raw.iter().zip(&def.components) {
        let Some(v) = v else {
            errs.add(field.clone(), "required", "Enter a value.");
            continue;
        };
        if !v.is_finite() {
            errs.add(field.clone(), "not_finite", "Enter a real number.");
            continue;
        }
        let Some(from) = &unit_from else { continue };
        let Some(converted) = convert(*v, from, &def.unit) else { continue };
        let canonical = round_to(converted, def.decimals);
        if def.integer && v.fract() != 0.0 {
            errs.add(field.clone(), "not_integer", "Enter a whole number.");
            continue;
        }
        if !(comp.min..=comp.max).contains(&canonical) {
            // The range is given in the unit the member used, in words people use (mmHg, lb).
            let bound = |b: f64| round_to(convert(b, &def.unit, from).unwrap_or(b), def.decimals);
            let mut msg = format!(
                "{} must be between {} and {}.",
                comp.name,
                fmt(bound(comp.min)),
                with_unit(bound(comp.max), from)
            );
            // A value that fits another accepted unit was probably typed in that unit.
            let other = def.accepted_units.iter().filter(|u| *u != from).find(|u| {
                convert(*v, u, &def.unit)
                    .is_some_and(|c| (comp.min..=comp.max).contains(&round_to(c, def.decimals)))
            });
            if let Some(u) = other {
                msg.push_str(&format!(" Did you mean {}?", with_unit(*v, u)));
            }
            errs.add(field.clone(), "out_of_range", msg);
            continue;
        }
        values.push(canonical);
    }
    if def.slug == "blood_pressure" && values.len() == 2 && values[0] <= values[1] {
        errs.add(
            "components",
            "systolic_not_above_diastolic",
            "The systolic (upper) value must be higher than the diastolic (lower) value.",
        );
    }

    let taken = match parse_time(&input.taken_at) {
        None => {
            errs.add(
                "taken_at",
                "invalid_datetime",
                "Use a date and time with a UTC offset, like 2026-01-31T08:30:00+01:00.",
            );
            None
        }
        Some(t) if t.with_timezone(&Utc) > now + FUTURE_ALLOWANCE => {
            errs.add("taken_at", "in_future", "This time is in the future.");
            None
        }
        Some(t) if t.year() < 1900 => {
            errs.add("taken_at", "out_of_range", "This time is too far in the past.");
            None
        }
        Some(t) => Some(t),
    };

    let client_id = match &input.client_id {
        None => None,
        Some(id) => {
            let ok = (1..=100).contains(&id.len())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c));
            if !ok {
                errs.push(FieldError::new(
                    "client_id",
                    "invalid_client_id",
                    "Use 1–100 letters, digits, '.', '_', ':' or '-'.",
                ));
            }
            Some(id.clone())
        }
    };
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        errs.add("note", "too_long", "A note has at most 500 characters.");
    }

    if input.context.is_some() && !takes_context(def) {
        errs.add("context", "not_allowed", format!("{} readings take no meal context.", def.name));
    }

    if !errs.is_empty() {
        return Err(errs);
    }
    let Some(taken) = taken else { return Err(errs) };
    Ok(ValidMeasurement {
        type_slug: def.slug.clone(),
        values,
        unit: def.unit.clone(),
        taken_at: taken.with_timezone(&Utc),
        utc_offset_minutes: taken.offset().local_minus_utc() / 60,
        source: input.source.unwrap_or(Source::Manual),
        client_id,
        note,
        context: input.context,
    })
}

/// Summary bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Calendar day (UTC).
    Day,
    /// ISO week starting Monday (UTC).
    Week,
    /// Calendar month (UTC).
    Month,
}

impl Bucket {
    /// The first instant of the bucket holding `t` (reference implementation for tests).
    pub fn start(self, t: DateTime<Utc>) -> DateTime<Utc> {
        let d = t.date_naive();
        let day = match self {
            Bucket::Day => d,
            Bucket::Week => d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday())),
            Bucket::Month => d.with_day(1).unwrap_or(d),
        };
        day.and_time(chrono::NaiveTime::MIN).and_utc()
    }
}

/// Parses an RFC 3339 time. A leap second (`…:60`) is refused: browsers and most languages
/// cannot read one back, so it would be stored as given and echoed unreadable.
pub fn parse_time(raw: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let t = DateTime::parse_from_rfc3339(raw.trim()).ok()?;
    (t.nanosecond() < 1_000_000_000).then_some(t)
}

#[cfg(test)]
mod time_tests {
    #[test]
    fn leap_seconds_are_refused() {
        assert!(super::parse_time("2016-12-31T12:00:60Z").is_none());
        assert!(super::parse_time("2016-12-31T23:59:60.5+00:00").is_none());
        assert!(super::parse_time("2016-12-31T12:00:59.999Z").is_some());
    }
}
