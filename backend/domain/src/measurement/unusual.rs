//! The sanity check against the member's own history: a reading far from their recent ones is
//! more often a slip (pounds typed as kilograms, a missing digit) than a change, so it is
//! stored only once the member confirms it (`confirm_unusual`).
//!
//! Rule: each component of the new reading is compared with the median of that component over
//! the member's last [`RECENT_READINGS`] readings of the type taken in the [`LOOKBACK_DAYS`]
//! days before it (one earlier reading is enough). The reading is unusual when a component is
//! more than the type's factor times the median, or less than the median divided by it. Types
//! without a factor (steps, scores, saturation, temperature, types added by admins) are never
//! unusual: they vary a lot from day to day, or their plausible range already catches slips.

use super::units::with_unit;
use super::{MeasurementTypeDef, ValidMeasurement};

/// How many earlier readings the median is taken over.
pub const RECENT_READINGS: usize = 5;

/// How far back earlier readings count.
pub const LOOKBACK_DAYS: i64 = 90;

/// How far (as a ratio) a reading may be from the member's median before it asks for a
/// confirmation. A lb/kg mix-up is a factor of 2.2, mg/dL for mmol/L one of 18.
pub fn unusual_factor(slug: &str) -> Option<f64> {
    Some(match slug {
        "body_weight" => 1.25,
        "body_height" => 1.1,
        "blood_pressure" => 1.6,
        "heart_rate" => 2.0,
        "blood_glucose" => 3.0,
        "peak_flow" => 2.0,
        _ => return None,
    })
}

/// Why a reading asks for a confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Unusual {
    /// The field at fault (`value`, `components.systolic`).
    pub field: String,
    /// Plain-language explanation naming the recent typical value.
    pub message: String,
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    Some(if n % 2 == 1 { xs[n / 2] } else { (xs[n / 2 - 1] + xs[n / 2]) / 2.0 })
}

/// Checks a reading against `history`: the member's earlier readings of the type (values in
/// component order, canonical unit), newest first, as many as [`RECENT_READINGS`] from the
/// [`LOOKBACK_DAYS`] days before it. `None`: nothing unusual.
pub fn unusual(
    def: &MeasurementTypeDef,
    reading: &ValidMeasurement,
    history: &[Vec<f64>],
) -> Option<Unusual> {
    let factor = unusual_factor(&def.slug)?;
    let recent = &history[..history.len().min(RECENT_READINGS)];
    for (i, (value, comp)) in reading.values.iter().zip(&def.components).enumerate() {
        let Some(typical) = median(recent.iter().filter_map(|h| h.get(i).copied()).collect())
        else {
            continue;
        };
        if typical <= 0.0 {
            continue;
        }
        let ratio = value / typical;
        if ratio > factor || ratio < 1.0 / factor {
            let field =
                if def.is_multi() { format!("components.{}", comp.key) } else { "value".into() };
            let what = if def.is_multi() { comp.name.to_lowercase() } else { String::new() };
            let what = if what.is_empty() { String::new() } else { format!(" ({what})") };
            return Some(Unusual {
                field,
                message: format!(
                    "{}{what} is far from your recent readings (around {}). Check the value \
                     and its unit; if it is right, confirm it to save it.",
                    with_unit(*value, &def.unit),
                    with_unit((typical * 100.0).round() / 100.0, &def.unit),
                ),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::Utc;

    use super::*;
    use crate::measurement::{seed_types, Source};

    fn reading(slug: &str, values: Vec<f64>) -> (MeasurementTypeDef, ValidMeasurement) {
        let def = seed_types().into_iter().find(|d| d.slug == slug).unwrap();
        let v = ValidMeasurement {
            type_slug: slug.into(),
            values,
            unit: def.unit.clone(),
            taken_at: Utc::now(),
            utc_offset_minutes: 0,
            source: Source::Manual,
            client_id: None,
            note: None,
            context: None,
        };
        (def, v)
    }

    #[test]
    fn a_pound_weight_typed_as_kilograms_is_unusual() {
        let (def, r) = reading("body_weight", vec![183.2]);
        let u = unusual(&def, &r, &[vec![83.5]]).unwrap();
        assert_eq!(u.field, "value");
        assert!(u
            .message
            .starts_with("183.2 kg is far from your recent readings (around 83.5 kg)"));
        // Ordinary change is not.
        let (def, r) = reading("body_weight", vec![85.1]);
        assert_eq!(unusual(&def, &r, &[vec![83.5], vec![84.0]]), None);
    }

    #[test]
    fn the_median_resists_one_earlier_slip() {
        let (def, r) = reading("body_weight", vec![84.0]);
        let history = [vec![83.5], vec![184.0], vec![83.9]];
        assert_eq!(unusual(&def, &r, &history), None);
    }

    #[test]
    fn only_the_recent_readings_count() {
        let (def, r) = reading("body_weight", vec![120.0]);
        // Five recent readings near 118 kg; older ones near 80 kg do not count.
        let mut history = vec![vec![118.0]; RECENT_READINGS];
        history.extend(vec![vec![80.0]; 10]);
        assert_eq!(unusual(&def, &r, &history), None);
    }

    #[test]
    fn blood_pressure_names_the_component() {
        let (def, r) = reading("blood_pressure", vec![128.0, 90.0]);
        assert_eq!(unusual(&def, &r, &[vec![125.0, 82.0]]), None);
        let (def, r) = reading("blood_pressure", vec![128.0, 48.0]);
        let u = unusual(&def, &r, &[vec![125.0, 82.0]]).unwrap();
        assert_eq!(u.field, "components.diastolic");
        let (def, r) = reading("blood_pressure", vec![250.0, 82.0]);
        let u = unusual(&def, &r, &[vec![125.0, 82.0]]).unwrap();
        assert_eq!(u.field, "components.systolic");
        assert!(u.message.starts_with("250 mmHg (systolic)"), "{}", u.message);
    }

    #[test]
    fn glucose_units_mixed_up_and_the_boundaries() {
        // Glucose swings widely after meals: three times the usual value still passes.
        let (def, r) = reading("blood_glucose", vec![378.0]);
        assert!(unusual(&def, &r, &[vec![126.0]]).is_none());
        let (def, r) = reading("blood_glucose", vec![379.0]);
        assert!(unusual(&def, &r, &[vec![126.0]]).is_some());
        // Exactly at the factor is not unusual; just past it is.
        let (def, r) = reading("body_weight", vec![100.0]);
        assert!(unusual(&def, &r, &[vec![80.0]]).is_none());
        let (def, r) = reading("body_weight", vec![100.1]);
        assert!(unusual(&def, &r, &[vec![80.0]]).is_some());
        let (def, r) = reading("body_weight", vec![64.0]);
        assert!(unusual(&def, &r, &[vec![80.0]]).is_none());
        let (def, r) = reading("body_weight", vec![63.9]);
        assert!(unusual(&def, &r, &[vec![80.0]]).is_some());
    }

    #[test]
    fn no_history_or_no_factor_is_never_unusual() {
        let (def, r) = reading("body_weight", vec![183.2]);
        assert_eq!(unusual(&def, &r, &[]), None);
        let (def, r) = reading("steps", vec![30_000.0]);
        assert_eq!(unusual(&def, &r, &[vec![3000.0]]), None);
    }
}
