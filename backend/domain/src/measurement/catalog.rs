//! The measurement type catalog.

use serde::{Deserialize, Serialize};

use crate::{FieldError, FieldErrors};

/// One numeric part of a reading (a simple type has one, `value`; blood pressure has two).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ComponentDef {
    /// Key in `components` (`value` for single-valued types).
    pub key: String,
    /// Display name.
    pub name: String,
    /// LOINC code of this component, if it has one.
    pub loinc: Option<String>,
    /// Lowest plausible value, in the canonical unit.
    pub min: f64,
    /// Highest plausible value, in the canonical unit.
    pub max: f64,
}

/// A kind of at-home measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeasurementTypeDef {
    /// Stable identifier used in the API (`blood_pressure`, `body_weight`, …).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z][a-z0-9_]{1,39}$"))]
    pub slug: String,
    /// Display name (not blank).
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub name: String,
    /// LOINC code of the observation (the panel code for blood pressure).
    pub loinc: Option<String>,
    /// Why there is no LOINC code, when there is none.
    pub loinc_note: Option<String>,
    /// Canonical UCUM unit; values are stored in it.
    pub unit: String,
    /// UCUM units accepted on input, canonical first.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub accepted_units: Vec<String>,
    /// Decimal places stored (0–6).
    #[cfg_attr(feature = "openapi", schema(maximum = 6))]
    pub decimals: u8,
    /// Whether values must be whole numbers (steps).
    #[serde(default)]
    pub integer: bool,
    /// The numeric parts of a reading.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub components: Vec<ComponentDef>,
}

impl MeasurementTypeDef {
    /// True for types with several components (blood pressure).
    pub fn is_multi(&self) -> bool {
        self.components.len() > 1
    }
}

#[allow(clippy::too_many_arguments)]
fn simple(
    slug: &str,
    name: &str,
    loinc: Option<&str>,
    unit: &str,
    extra: &[&str],
    decimals: u8,
    min: f64,
    max: f64,
) -> MeasurementTypeDef {
    let mut accepted = vec![unit.to_string()];
    accepted.extend(extra.iter().map(|s| s.to_string()));
    MeasurementTypeDef {
        slug: slug.into(),
        name: name.into(),
        loinc: loinc.map(str::to_string),
        loinc_note: loinc
            .is_none()
            .then(|| "No LOINC code: a 0–10 self-rating defined by Kindred.".to_string()),
        unit: unit.into(),
        accepted_units: accepted,
        decimals,
        integer: false,
        components: vec![ComponentDef {
            key: "value".into(),
            name: name.into(),
            loinc: loinc.map(str::to_string),
            min,
            max,
        }],
    }
}

/// The seeded catalog.
pub fn seed_types() -> Vec<MeasurementTypeDef> {
    let bp = MeasurementTypeDef {
        slug: "blood_pressure".into(),
        name: "Blood pressure".into(),
        loinc: Some("85354-9".into()),
        loinc_note: None,
        unit: "mm[Hg]".into(),
        accepted_units: vec!["mm[Hg]".into()],
        decimals: 0,
        integer: false,
        components: vec![
            ComponentDef {
                key: "systolic".into(),
                name: "Systolic".into(),
                loinc: Some("8480-6".into()),
                min: 50.0,
                max: 300.0,
            },
            ComponentDef {
                key: "diastolic".into(),
                name: "Diastolic".into(),
                loinc: Some("8462-4".into()),
                min: 20.0,
                max: 200.0,
            },
        ],
    };
    let mut steps = simple("steps", "Steps per day", Some("41950-7"), "/d", &[], 0, 0.0, 100_000.0);
    steps.integer = true;
    vec![
        bp,
        simple("heart_rate", "Heart rate", Some("8867-4"), "/min", &[], 0, 20.0, 250.0),
        simple("body_weight", "Body weight", Some("29463-7"), "kg", &["[lb_av]"], 2, 20.0, 350.0),
        simple("body_height", "Body height", Some("8302-2"), "cm", &["[in_i]"], 1, 50.0, 250.0),
        simple(
            "body_temperature",
            "Body temperature",
            Some("8310-5"),
            "Cel",
            &["[degF]"],
            1,
            30.0,
            45.0,
        ),
        simple("spo2", "Oxygen saturation (SpO2)", Some("59408-5"), "%", &[], 0, 50.0, 100.0),
        simple(
            "blood_glucose",
            "Blood glucose",
            Some("41653-7"),
            "mg/dL",
            &["mmol/L"],
            0,
            10.0,
            1000.0,
        ),
        simple("peak_flow", "Peak expiratory flow", Some("19935-6"), "L/min", &[], 0, 50.0, 900.0),
        steps,
        simple("pain", "Pain (0–10)", None, "{score}", &[], 0, 0.0, 10.0),
        simple("mood", "Mood (0–10)", None, "{score}", &[], 0, 0.0, 10.0),
    ]
}

/// Checks an admin-authored type definition.
pub fn validate_type_def(def: &MeasurementTypeDef) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    let slug_ok = (2..=40).contains(&def.slug.len())
        && def.slug.starts_with(|c: char| c.is_ascii_lowercase())
        && def.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !slug_ok {
        errs.add(
            "slug",
            "invalid_slug",
            "Use 2–40 lower-case letters, digits and '_', starting with a letter.",
        );
    }
    if def.name.trim().is_empty() {
        errs.add("name", "required", "Give the type a name.");
    }
    if def.decimals > 6 {
        errs.add("decimals", "out_of_range", "At most 6 decimal places.");
    }
    if def.accepted_units.first() != Some(&def.unit) {
        errs.add("accepted_units", "canonical_first", "List the canonical unit first.");
    }
    for (i, u) in def.accepted_units.iter().enumerate() {
        if crate::measurement::convert(1.0, u, &def.unit).is_none() {
            errs.push(FieldError::new(
                format!("accepted_units[{i}]"),
                "not_convertible",
                format!("{u} cannot be converted to {}.", def.unit),
            ));
        }
    }
    if def.components.is_empty() {
        errs.add("components", "required", "A type needs at least one component.");
    }
    for (i, c) in def.components.iter().enumerate() {
        if !(c.min.is_finite() && c.max.is_finite() && c.min < c.max) {
            errs.push(FieldError::new(
                format!("components[{i}]"),
                "invalid_range",
                "min must be below max.",
            ));
        }
    }
    errs.into_result(())
}
