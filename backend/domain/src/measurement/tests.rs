#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::units::round_to;
use super::*;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

fn def(slug: &str) -> MeasurementTypeDef {
    seed_types().into_iter().find(|d| d.slug == slug).unwrap()
}

fn single(
    slug: &str,
    value: f64,
    unit: Option<&str>,
) -> Result<ValidMeasurement, crate::FieldErrors> {
    let input = MeasurementInput {
        type_slug: slug.into(),
        value: Some(value),
        unit: unit.map(str::to_string),
        taken_at: "2026-06-01T08:30:00+02:00".into(),
        ..Default::default()
    };
    validate(&def(slug), &input, now())
}

fn bp(sys: Option<f64>, dia: Option<f64>) -> Result<ValidMeasurement, crate::FieldErrors> {
    let mut m = BTreeMap::new();
    if let Some(s) = sys {
        m.insert("systolic".to_string(), s);
    }
    if let Some(d) = dia {
        m.insert("diastolic".to_string(), d);
    }
    let input = MeasurementInput {
        type_slug: "blood_pressure".into(),
        components: Some(m),
        taken_at: "2026-06-01T08:30:00Z".into(),
        ..Default::default()
    };
    validate(&def("blood_pressure"), &input, now())
}

fn codes(r: Result<ValidMeasurement, crate::FieldErrors>) -> Vec<(String, String)> {
    r.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
}

#[test]
fn catalog_has_the_eleven_types_with_their_codes() {
    let slugs: Vec<String> = seed_types().into_iter().map(|d| d.slug).collect();
    assert_eq!(
        slugs,
        [
            "blood_pressure",
            "heart_rate",
            "body_weight",
            "body_height",
            "body_temperature",
            "spo2",
            "blood_glucose",
            "peak_flow",
            "steps",
            "pain",
            "mood"
        ]
    );
    assert_eq!(def("blood_pressure").loinc.as_deref(), Some("85354-9"));
    assert_eq!(def("blood_pressure").components[0].loinc.as_deref(), Some("8480-6"));
    assert_eq!(def("blood_pressure").components[1].loinc.as_deref(), Some("8462-4"));
    assert_eq!(def("pain").loinc, None);
    assert!(def("mood").loinc_note.is_some());
    for d in seed_types() {
        validate_type_def(&d).unwrap();
    }
}

#[test]
fn conversions_are_exact_to_the_stored_precision() {
    assert_eq!(single("body_weight", 154.3, Some("lb")).unwrap().values, vec![69.99]); // 69.989…
    assert_eq!(single("body_weight", 200.0, Some("[lb_av]")).unwrap().values, vec![90.72]); // 90.718474
    assert_eq!(single("body_temperature", 98.6, Some("°F")).unwrap().values, vec![37.0]);
    assert_eq!(single("body_temperature", 100.4, Some("[degF]")).unwrap().values, vec![38.0]);
    assert_eq!(single("blood_glucose", 5.5, Some("mmol/L")).unwrap().values, vec![99.0]); // 99.088
    assert_eq!(single("blood_glucose", 10.0, Some("mmol/l")).unwrap().values, vec![180.0]); // 180.16
    assert_eq!(single("body_height", 70.0, Some("in")).unwrap().values, vec![177.8]);
    let v = single("body_weight", 70.0, None).unwrap();
    assert_eq!((v.values.clone(), v.unit.as_str(), v.utc_offset_minutes), (vec![70.0], "kg", 120));
    assert_eq!(v.taken_at, Utc.with_ymd_and_hms(2026, 6, 1, 6, 30, 0).unwrap());
}

#[test]
fn every_type_checks_its_range_at_both_ends() {
    for d in seed_types().into_iter().filter(|d| !d.is_multi()) {
        let c = &d.components[0];
        let step = 10f64.powi(-i32::from(d.decimals));
        assert!(single(&d.slug, c.min, None).is_ok(), "{} min", d.slug);
        assert!(single(&d.slug, c.max, None).is_ok(), "{} max", d.slug);
        assert_eq!(
            codes(single(&d.slug, c.min - step, None)),
            vec![("value".into(), "out_of_range".into())],
            "{} below",
            d.slug
        );
        assert_eq!(
            codes(single(&d.slug, c.max + step, None)),
            vec![("value".into(), "out_of_range".into())],
            "{} above",
            d.slug
        );
    }
    // Blood pressure: each component at and just past its bounds, the other kept valid.
    assert!(bp(Some(50.0), Some(20.0)).is_ok());
    assert!(bp(Some(300.0), Some(200.0)).is_ok());
    assert_eq!(
        codes(bp(Some(49.0), Some(20.0))),
        vec![("components.systolic".into(), "out_of_range".into())]
    );
    assert_eq!(
        codes(bp(Some(301.0), Some(80.0))),
        vec![("components.systolic".into(), "out_of_range".into())]
    );
    assert_eq!(
        codes(bp(Some(120.0), Some(19.0))),
        vec![("components.diastolic".into(), "out_of_range".into())]
    );
    assert_eq!(
        codes(bp(Some(300.0), Some(201.0))),
        vec![("components.diastolic".into(), "out_of_range".into())]
    );
}

#[test]
fn blood_pressure_rules() {
    let ok = bp(Some(128.0), Some(82.0)).unwrap();
    assert_eq!(ok.values, vec![128.0, 82.0]);
    assert_eq!(
        codes(bp(Some(128.0), None)),
        vec![("components.diastolic".into(), "required".into())]
    );
    assert_eq!(
        codes(bp(Some(80.0), Some(80.0))),
        vec![("components".into(), "systolic_not_above_diastolic".into())]
    );
    assert_eq!(
        codes(bp(Some(70.0), Some(90.0))),
        vec![("components".into(), "systolic_not_above_diastolic".into())]
    );
    let as_value = MeasurementInput {
        type_slug: "blood_pressure".into(),
        value: Some(120.0),
        taken_at: "2026-06-01T08:30:00Z".into(),
        ..Default::default()
    };
    let c = codes(validate(&def("blood_pressure"), &as_value, now()));
    assert!(
        c.contains(&("value".into(), "not_allowed".into()))
            && c.contains(&("components".into(), "required".into())),
        "{c:?}"
    );
    let mut extra = BTreeMap::new();
    extra.insert("systolic".to_string(), 120.0);
    extra.insert("diastolic".to_string(), 80.0);
    extra.insert("pulse".to_string(), 60.0);
    let input = MeasurementInput {
        type_slug: "blood_pressure".into(),
        components: Some(extra),
        taken_at: "2026-06-01T08:30:00Z".into(),
        ..Default::default()
    };
    assert_eq!(
        codes(validate(&def("blood_pressure"), &input, now())),
        vec![("components.pulse".into(), "unknown_component".into())]
    );
}

#[test]
fn fahrenheit_sent_as_celsius_gets_a_hint() {
    let e = single("body_temperature", 98.6, Some("Cel")).unwrap_err();
    assert_eq!(e.0[0].code, "out_of_range");
    assert!(e.0[0].message.contains("Did you mean 98.6°F?"), "{}", e.0[0].message);
    let e = single("body_temperature", 98.6, None).unwrap_err();
    assert!(e.0[0].message.contains("98.6°F"));
}

#[test]
fn messages_speak_the_members_units() {
    let e = bp(Some(350.0), Some(80.0)).unwrap_err();
    assert_eq!(e.0[0].message, "Systolic must be between 50 and 300 mmHg.");
    // A value that fits the other unit gets a suggestion.
    let e = single("blood_glucose", 7.2, Some("mg/dL")).unwrap_err();
    assert_eq!(
        e.0[0].message,
        "Blood glucose must be between 10 and 1000 mg/dL. Did you mean 7.2 mmol/L?"
    );
    // The range is given in the unit used.
    let e = single("body_weight", 900.0, Some("lb")).unwrap_err();
    assert_eq!(e.0[0].message, "Body weight must be between 44.09 and 771.62 lb.");
    let e = single("heart_rate", 60.0, Some("kg")).unwrap_err();
    assert_eq!(e.0[0].message, "Heart rate accepts beats per minute.");
    // A range error with no plausible other unit says only the range.
    let e = single("body_weight", 5000.0, None).unwrap_err();
    assert_eq!(e.0[0].message, "Body weight must be between 20 and 350 kg.");
}

#[test]
fn only_glucose_takes_a_meal_context() {
    let mut input = MeasurementInput {
        type_slug: "blood_glucose".into(),
        value: Some(5.4),
        unit: Some("mmol/L".into()),
        taken_at: "2026-06-01T07:00:00+01:00".into(),
        context: Some(ReadingContext::Fasting),
        ..Default::default()
    };
    let v = validate(&def("blood_glucose"), &input, now()).unwrap();
    assert_eq!(v.context, Some(ReadingContext::Fasting));
    input.type_slug = "body_weight".into();
    input.unit = None;
    input.value = Some(80.0);
    assert_eq!(
        codes(validate(&def("body_weight"), &input, now())),
        vec![("context".into(), "not_allowed".into())]
    );
    for c in ["fasting", "before_meal", "after_meal", "bedtime"] {
        assert_eq!(ReadingContext::parse(c).map(ReadingContext::as_str), Some(c));
    }
}

#[test]
fn units_times_ids_and_numbers() {
    assert_eq!(
        codes(single("heart_rate", 60.0, Some("kg"))),
        vec![("unit".into(), "unit_not_accepted".into())]
    );
    assert_eq!(
        codes(single("heart_rate", 60.0, Some("furlongs"))),
        vec![("unit".into(), "unit_not_accepted".into())]
    );
    assert_eq!(
        codes(single("heart_rate", f64::NAN, None)),
        vec![("value".into(), "not_finite".into())]
    );
    assert_eq!(
        codes(single("heart_rate", 1e308, None)),
        vec![("value".into(), "out_of_range".into())]
    );
    assert_eq!(codes(single("steps", 100.5, None)), vec![("value".into(), "not_integer".into())]);
    let base = MeasurementInput {
        type_slug: "mood".into(),
        value: Some(5.0),
        taken_at: "2026-06-01T08:30:00Z".into(),
        ..Default::default()
    };
    let with = |f: &dyn Fn(&mut MeasurementInput)| {
        let mut i = base.clone();
        f(&mut i);
        validate(&def("mood"), &i, now())
    };
    assert!(with(&|_| {}).is_ok());
    for bad in ["2026-06-01T08:30:00", "2026-06-01", "yesterday", "", "2026-13-01T00:00:00Z"] {
        assert_eq!(
            codes(with(&|i| i.taken_at = bad.into())),
            vec![("taken_at".into(), "invalid_datetime".into())],
            "{bad}"
        );
    }
    assert!(
        with(&|i| i.taken_at = "2026-06-01T12:04:00Z".into()).is_ok(),
        "within the skew allowance"
    );
    assert_eq!(
        codes(with(&|i| i.taken_at = "2026-06-01T12:06:00Z".into())),
        vec![("taken_at".into(), "in_future".into())]
    );
    assert_eq!(
        codes(with(&|i| i.taken_at = "1899-12-31T00:00:00Z".into())),
        vec![("taken_at".into(), "out_of_range".into())]
    );
    assert_eq!(
        codes(with(&|i| i.client_id = Some("has space".into()))),
        vec![("client_id".into(), "invalid_client_id".into())]
    );
    assert_eq!(
        codes(with(&|i| i.client_id = Some("x".repeat(101)))),
        vec![("client_id".into(), "invalid_client_id".into())]
    );
    assert_eq!(
        codes(with(&|i| i.note = Some("n".repeat(501)))),
        vec![("note".into(), "too_long".into())]
    );
    assert_eq!(with(&|i| i.note = Some("   ".into())).unwrap().note, None);
}

#[test]
fn csv_happy_path() {
    let text = "type,value,systolic,diastolic,unit,taken_at,note\n\
                blood_pressure,,128,82,mmHg,2026-05-01T08:00:00+01:00,morning\n\
                body_weight,154.3,,,lb,2026-05-01T08:05:00+01:00,\n";
    let (ok, errors) = validate_rows(&seed_types(), text, now(), None);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(
        (ok[0].0, ok[0].1.values.clone(), ok[0].1.source),
        (2, vec![128.0, 82.0], Source::Import)
    );
    assert_eq!((ok[1].0, ok[1].1.values.clone()), (3, vec![69.99]));
}

#[test]
fn csv_reports_exactly_the_bad_lines() {
    let text = "Type,Value,Unit,Taken_At\n\
                heart_rate,60,/min,2026-05-01T08:00:00Z\n\
                heart_rate,abc,/min,2026-05-01T08:00:00Z\n\
                heart_rate,61,/min,2026-05-02T08:00:00Z\n\
                teleportation,1,,2026-05-01T08:00:00Z\n\
                heart_rate,62,/min\n\
                heart_rate,63,/min,2026-05-03T08:00:00Z\n";
    let (_, errors) = validate_rows(&seed_types(), text, now(), None);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 5, 6], "every bad line at once, in order: {errors:?}");
    // Validation errors name their lines too.
    let text = "type,value,unit,taken_at\nheart_rate,60,,2026-05-01T08:00:00Z\nteleportation,1,,2026-05-01T08:00:00Z\nheart_rate,999,,2026-05-01T08:00:00Z\nheart_rate,60,kg,2026-05-01T08:00:00Z\n";
    let (ok, errors) = validate_rows(&seed_types(), text, now(), None);
    assert_eq!(ok.len(), 1);
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.code.as_str())).collect();
    assert_eq!(got, vec![(3, "unknown_type"), (4, "out_of_range"), (5, "unit_not_accepted")]);
}

#[test]
fn csv_reports_unreadable_and_invalid_lines_together_in_line_order() {
    let text = "type,value,unit,taken_at\nheart_rate,999,,2026-05-01T08:00:00Z\nheart_rate,abc,,2026-05-01T08:00:00Z\nheart_rate,60,,2026-05-01T08:00:00Z\nheart_rate,61\n";
    let (ok, errors) = validate_rows(&seed_types(), text, now(), None);
    assert_eq!(ok.len(), 1);
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.code.as_str())).collect();
    assert_eq!(got, vec![(2, "out_of_range"), (3, "not_a_number"), (5, "wrong_column_count")]);
}

#[test]
fn csv_header_problems() {
    let e = parse_csv("type,when\nx,y\n").unwrap_err();
    let codes: Vec<&str> = e.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, vec!["unknown_column", "missing_column", "missing_column"]);
    assert!(e.iter().all(|e| e.line == 1));
}

#[test]
fn admin_type_definitions_are_checked() {
    let mut d = def("heart_rate");
    d.slug = "Bad Slug".into();
    d.accepted_units = vec!["kg".into()];
    d.components[0].min = 10.0;
    d.components[0].max = 5.0;
    let fields: Vec<String> =
        validate_type_def(&d).unwrap_err().0.into_iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["slug", "accepted_units", "accepted_units[0]", "components[0]"]);
}

#[test]
fn buckets_start_where_expected() {
    let t = Utc.with_ymd_and_hms(2026, 5, 14, 15, 30, 0).unwrap(); // a Thursday
    assert_eq!(Bucket::Day.start(t), Utc.with_ymd_and_hms(2026, 5, 14, 0, 0, 0).unwrap());
    assert_eq!(Bucket::Week.start(t), Utc.with_ymd_and_hms(2026, 5, 11, 0, 0, 0).unwrap());
    assert_eq!(Bucket::Month.start(t), Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap());
}

proptest! {
    #[test]
    fn in_range_canonical_values_validate_and_round_trip(idx in 1usize..11, frac in 0.0f64..=1.0) {
        let d = &seed_types()[idx];
        let c = &d.components[0];
        let v = round_to(c.min + (c.max - c.min) * frac, d.decimals);
        let v = if d.integer { v.round() } else { v };
        let got = single(&d.slug, v, None).unwrap();
        prop_assert_eq!(got.values, vec![v]);
    }

    #[test]
    fn unit_round_trips_stay_within_one_rounding_step(kg in 20.0f64..350.0, c in 30.0f64..45.0, mgdl in 10.0f64..1000.0) {
        for (v, a, b, dec) in [(kg, "kg", "[lb_av]", 2u8), (c, "Cel", "[degF]", 1), (mgdl, "mg/dL", "mmol/L", 0)] {
            let there = convert(v, a, b).unwrap();
            let back = round_to(convert(there, b, a).unwrap(), dec);
            prop_assert!((back - round_to(v, dec)).abs() <= 10f64.powi(-i32::from(dec)) + 1e-9, "{v} {a}->{b}->{a} = {back}");
        }
    }

    #[test]
    fn csv_parsing_never_panics(s in "\\PC{0,400}") {
        let _ = validate_rows(&seed_types(), &s, now(), None);
    }
}

#[test]
fn csv_times_without_an_offset_are_read_in_the_members_time_zone() {
    let text = "type,value,unit,taken_at,context\n\
                body_weight,82.7,kg,2026-03-01 08:30,\n\
                blood_glucose,5.4,mmol/L,2026-03-01T07:05,Fasting\n\
                blood_glucose,6.1,mmol/L,2025-07-01 19:00:00,after meal\n";
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let (ok, errors) = validate_rows(&seed_types(), text, now(), Some(berlin));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok[0].1.taken_at.to_rfc3339(), "2026-03-01T07:30:00+00:00");
    assert_eq!(ok[0].1.utc_offset_minutes, 60);
    assert_eq!(ok[1].1.context, Some(ReadingContext::Fasting));
    // Summer time: two hours ahead of UTC.
    assert_eq!(ok[2].1.taken_at.to_rfc3339(), "2025-07-01T17:00:00+00:00");
    assert_eq!(ok[2].1.context, Some(ReadingContext::AfterMeal));

    // Without a time zone, the line says how to fix it.
    let (ok, errors) = validate_rows(&seed_types(), text, now(), None);
    assert!(ok.is_empty());
    assert_eq!(errors.len(), 3);
    assert!(errors[0].message.contains("set your time zone"), "{}", errors[0].message);

    // A time the clocks skipped is refused; an ambiguous one is the earlier.
    assert!(super::csv_import::local_time_in("2026-03-29 02:30", berlin).is_err());
    assert_eq!(
        super::csv_import::local_time_in("2026-10-25 02:30", berlin).unwrap(),
        "2026-10-25T02:30:00+02:00"
    );
    // A bad context names the choices.
    let (_, errors) = validate_rows(
        &seed_types(),
        "type,value,taken_at,context\nblood_glucose,100,2026-03-01T08:00:00Z,lunch\n",
        now(),
        None,
    );
    assert_eq!(errors[0].code, "unknown_context");
}
