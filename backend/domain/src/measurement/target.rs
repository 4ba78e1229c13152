//! A member's target range per measurement type ("blood pressure below 130/80", "glucose
//! 70–180 mg/dL"): charts draw it and the dashboard shows the share of recent readings in it.

use std::collections::BTreeMap;

use super::units::{canonical_unit_code, convert, round_to, with_unit};
use super::MeasurementTypeDef;
use crate::FieldErrors;

/// One component's range; a missing bound is open ("below 130": no low bound).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    /// Lowest value in range.
    pub low: Option<f64>,
    /// Highest value in range.
    pub high: Option<f64>,
}

impl Bounds {
    /// Whether `v` lies in the range (bounds included).
    pub fn contains(&self, v: f64) -> bool {
        self.low.is_none_or(|l| v >= l) && self.high.is_none_or(|h| v <= h)
    }
}

/// A checked target: one [`Bounds`] per component of the type, in the canonical unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// In component order.
    pub bounds: Vec<Bounds>,
}

impl Target {
    /// Whether a reading (values in component order) is in range on every component.
    pub fn contains(&self, values: &[f64]) -> bool {
        self.bounds.iter().zip(values).all(|(b, v)| b.contains(*v))
    }
}

/// Checks a target sent as ranges per component key (`value` for single-valued types) in
/// `unit` (default: the canonical unit): every key a component of the type, at least one
/// bound, each bound within the component's plausible range, a low bound below its high one.
pub fn parse_target(
    def: &MeasurementTypeDef,
    ranges: &BTreeMap<String, Bounds>,
    unit: Option<&str>,
) -> Result<Target, FieldErrors> {
    let mut errs = FieldErrors::new();
    let from = match unit {
        None => def.unit.clone(),
        Some(raw) => {
            match canonical_unit_code(raw).filter(|u| def.accepted_units.iter().any(|a| a == u)) {
                Some(u) => u.to_string(),
                None => {
                    errs.add(
                        "unit",
                        "unit_not_accepted",
                        format!("{} takes {}.", def.name, def.accepted_units.join(", ")),
                    );
                    return Err(errs);
                }
            }
        }
    };
    for key in ranges.keys() {
        if !def.components.iter().any(|c| &c.key == key) {
            errs.add(
                format!("ranges.{key}"),
                "unknown_component",
                format!("{} has no component {key}.", def.name),
            );
        }
    }
    let mut bounds = Vec::new();
    for comp in &def.components {
        let given = ranges.get(&comp.key).copied().unwrap_or_default();
        let mut canon = |field: &str, v: Option<f64>| -> Option<f64> {
            let v = v?;
            let path = format!("ranges.{}.{field}", comp.key);
            let Some(c) = convert(v, &from, &def.unit).filter(|c| c.is_finite()) else {
                errs.add(path, "not_finite", "Enter a real number.");
                return None;
            };
            let c = round_to(c, def.decimals);
            if !(comp.min..=comp.max).contains(&c) {
                errs.add(
                    path,
                    "out_of_range",
                    format!(
                        "{} must be between {} and {}.",
                        comp.name,
                        with_unit(comp.min, &def.unit),
                        with_unit(comp.max, &def.unit)
                    ),
                );
                return None;
            }
            Some(c)
        };
        let b = Bounds { low: canon("low", given.low), high: canon("high", given.high) };
        if let (Some(l), Some(h)) = (b.low, b.high) {
            if l >= h {
                errs.add(
                    format!("ranges.{}.low", comp.key),
                    "invalid_range",
                    "The low end must be below the high end.",
                );
            }
        }
        bounds.push(b);
    }
    if ranges.values().all(|b| b.low.is_none() && b.high.is_none()) {
        errs.add("ranges", "required", "Give at least one bound (a low or a high value).");
    }
    errs.into_result(Target { bounds })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::measurement::seed_types;

    fn def(slug: &str) -> MeasurementTypeDef {
        seed_types().into_iter().find(|d| d.slug == slug).unwrap()
    }

    fn ranges(pairs: &[(&str, Option<f64>, Option<f64>)]) -> BTreeMap<String, Bounds> {
        pairs.iter().map(|(k, l, h)| (k.to_string(), Bounds { low: *l, high: *h })).collect()
    }

    #[test]
    fn blood_pressure_below_130_over_80() {
        let t = parse_target(
            &def("blood_pressure"),
            &ranges(&[("systolic", None, Some(130.0)), ("diastolic", None, Some(80.0))]),
            None,
        )
        .unwrap();
        assert!(t.contains(&[128.0, 79.0]));
        assert!(t.contains(&[130.0, 80.0]), "bounds are in range");
        assert!(!t.contains(&[131.0, 70.0]));
        assert!(!t.contains(&[120.0, 81.0]));
    }

    #[test]
    fn glucose_in_mmol_is_stored_in_mg_per_dl() {
        let t = parse_target(
            &def("blood_glucose"),
            &ranges(&[("value", Some(3.9), Some(10.0))]),
            Some("mmol/L"),
        )
        .unwrap();
        assert_eq!(t.bounds[0], Bounds { low: Some(70.0), high: Some(180.0) });
    }

    #[test]
    fn bad_targets_say_what_is_wrong() {
        let codes = |r: Result<Target, FieldErrors>| -> Vec<(String, String)> {
            r.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
        };
        let bp = def("blood_pressure");
        assert_eq!(
            codes(parse_target(&bp, &ranges(&[("pulse", None, Some(80.0))]), None)),
            vec![("ranges.pulse".to_string(), "unknown_component".to_string())]
        );
        assert_eq!(
            codes(parse_target(&bp, &ranges(&[("systolic", Some(140.0), Some(120.0))]), None)),
            vec![("ranges.systolic.low".to_string(), "invalid_range".to_string())]
        );
        assert_eq!(
            codes(parse_target(&bp, &ranges(&[("systolic", None, Some(1000.0))]), None)),
            vec![("ranges.systolic.high".to_string(), "out_of_range".to_string())]
        );
        assert_eq!(
            codes(parse_target(&bp, &ranges(&[("systolic", None, None)]), None)),
            vec![("ranges".to_string(), "required".to_string())]
        );
        assert_eq!(
            codes(parse_target(&bp, &ranges(&[("systolic", None, Some(120.0))]), Some("kg"))),
            vec![("unit".to_string(), "unit_not_accepted".to_string())]
        );
    }
}
