#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::seeds::{gad7, phq9, seeds};
use super::*;

fn answers(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// Answers for `n` items summing to `total`, filled greedily with 3s.
fn with_total(n: usize, total: u32) -> Map<String, Value> {
    let mut left = total;
    (1..=n)
        .map(|i| {
            let v = left.min(3);
            left -= v;
            (format!("q{i}"), json!(v))
        })
        .collect()
}

#[test]
fn every_seed_is_valid() {
    for s in seeds() {
        validate_definition(&s.definition).unwrap_or_else(|e| panic!("{}: {e}", s.slug));
    }
    assert_eq!(score_range(&phq9()), (0.0, 27.0));
    assert_eq!(score_range(&gad7()), (0.0, 21.0));
}

#[test]
fn phq9_bands_at_the_published_boundaries() {
    let cases = [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ];
    for (total, label) in cases {
        // Keep item 9 at 0 so only the band is tested here (the greedy fill reaches q9 last).
        let mut a = with_total(9, total);
        if total > 24 {
            assert_eq!(a["q9"], json!(total - 24));
        } else {
            a.insert("q9".into(), json!(0));
        }
        let e = evaluate(&phq9(), &a).unwrap();
        assert_eq!(e.score, Some(f64::from(total)), "total {total}");
        assert_eq!(e.band.unwrap().label, label, "total {total}");
    }
}

#[test]
fn item_9_flags_self_harm_risk_regardless_of_total() {
    let mut a = with_total(9, 0);
    a.insert("q9".into(), json!(1));
    let e = evaluate(&phq9(), &a).unwrap();
    assert_eq!(e.score, Some(1.0));
    assert_eq!(e.band.unwrap().label, "minimal");
    assert_eq!(e.flags, vec!["self_harm_risk"]);
    let e = evaluate(&phq9(), &with_total(9, 20)).unwrap();
    assert!(e.flags.is_empty(), "q9 = 0 raises nothing even when severe");
}

#[test]
fn gad7_bands() {
    for (total, label) in [
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ] {
        let e = evaluate(&gad7(), &with_total(7, total)).unwrap();
        assert_eq!((e.score, e.band.unwrap().label.as_str()), (Some(f64::from(total)), label));
    }
}

#[test]
fn difficulty_item_is_optional_unscored_and_stored() {
    let mut a = with_total(9, 6);
    a.insert("difficulty".into(), json!(2));
    let e = evaluate(&phq9(), &a).unwrap();
    assert_eq!(e.score, Some(6.0));
    assert_eq!(e.items.len(), 10);
    assert_eq!(
        e.items[9],
        AnsweredItem { key: "difficulty".into(), value_number: Some(2.0), value_text: None }
    );
}

/// A 12-item functional rating scale, four domains of three items, options 4..0, one
/// reverse-scored item and one conditional item (placeholder text).
fn frs() -> Definition {
    let opts: Vec<Value> =
        (0..=4).rev().map(|v| json!({"value": v, "label": format!("Level {v}")})).collect();
    let domains = ["bulbar", "fine_motor", "gross_motor", "respiratory"];
    let mut items = Vec::new();
    for (d, domain) in domains.iter().enumerate() {
        for k in 1..=3 {
            let n = d * 3 + k;
            let mut it = json!({"key": format!("i{n}"), "text": format!("Item {n} ({domain}): placeholder"), "type": "single_choice", "options": opts});
            if n == 5 {
                it["reverse"] = json!(true);
            }
            if n == 12 {
                // Asked only when item 11 shows some difficulty (below 4).
                it["enable_when"] = json!({"item": "i11", "operator": "lt", "value": 4});
            }
            items.push(it);
        }
    }
    let subscales: Vec<Value> = domains
        .iter()
        .enumerate()
        .map(|(d, k)| json!({"key": k, "label": k, "method": "sum", "items": (1..=3).map(|j| format!("i{}", d * 3 + j)).collect::<Vec<_>>()}))
        .collect();
    serde_json::from_value(json!({
        "items": items,
        "scoring": {"method": "sum", "subscales": subscales},
        "bands": [{"min": 0, "max": 23, "label": "marked impairment"}, {"min": 24, "max": 47, "label": "mild impairment"}, {"min": 48, "max": 48, "label": "normal function"}],
        "flags": [{"flag": "respiratory_review", "subscale": "respiratory", "operator": "lte", "value": 6}]
    }))
    .unwrap()
}

#[test]
fn custom_instrument_with_subscales_reverse_and_enable_when() {
    let def = frs();
    validate_definition(&def).unwrap();
    assert_eq!(score_range(&def), (0.0, 48.0));
    let mut a: Map<String, Value> = (1..=12).map(|n| (format!("i{n}"), json!(4))).collect();
    a.insert("i5".into(), json!(0)); // reverse-scored: 0 counts as 4
    a.insert("i11".into(), json!(4));
    a.remove("i12"); // disabled, since i11 = 4
    let e = evaluate(&def, &a).unwrap();
    assert_eq!(e.score, Some(44.0)); // 11 answered items × 4
    assert_eq!(e.subscores["fine_motor"], 12.0);
    assert_eq!(e.subscores["respiratory"], 8.0);
    assert_eq!(e.band.unwrap().label, "mild impairment");
    assert_eq!(e.flags, Vec::<String>::new());

    a.insert("i11".into(), json!(1));
    let missing = evaluate(&def, &a).unwrap_err();
    assert_eq!(
        (missing.0[0].field.as_str(), missing.0[0].code.as_str()),
        ("answers.i12", "required")
    );
    a.insert("i12".into(), json!(2));
    a.insert("i5".into(), json!(3)); // counts as 1
    let e = evaluate(&def, &a).unwrap();
    assert_eq!(e.subscores["respiratory"], 7.0); // 4 + 1 + 2: just above the flag threshold
    assert_eq!(e.subscores["fine_motor"], 9.0); // 4 + (4 − 3) + 4
    assert_eq!(e.score, Some(36.0 + 1.0 + 1.0 + 2.0));
    assert_eq!(e.band.as_ref().unwrap().label, "mild impairment");
    assert!(e.flags.is_empty());
    a.insert("i12".into(), json!(1));
    let e = evaluate(&def, &a).unwrap();
    assert_eq!(e.subscores["respiratory"], 6.0);
    assert_eq!(e.score, Some(39.0));
    assert_eq!(e.flags, vec!["respiratory_review"]);
}

#[test]
fn bad_answers_name_the_item() {
    let def: Definition = serde_json::from_value(json!({
        "items": [
            {"key": "mood", "text": "Mood", "type": "single_choice", "options": [{"value": 0, "label": "bad"}, {"value": 1, "label": "good"}]},
            {"key": "sleep", "text": "Hours slept", "type": "integer", "min": 0, "max": 24},
            {"key": "why", "text": "Why?", "type": "text", "required": false, "scored": false, "enable_when": {"item": "mood", "operator": "eq", "value": 0}},
            {"key": "ok", "text": "OK?", "type": "boolean", "required": false},
            {"key": "day", "text": "When?", "type": "date", "required": false, "scored": false},
            {"key": "tags", "text": "Tags", "type": "multi_choice", "required": false, "options": [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}]}
        ],
        "scoring": {"method": "sum"}
    }))
    .unwrap();
    validate_definition(&def).unwrap();
    let code = |pairs: &[(&str, Value)]| -> Vec<(String, String)> {
        evaluate(&def, &answers(pairs))
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    };
    let ok = [("mood", json!(1)), ("sleep", json!(7))];
    assert!(evaluate(&def, &answers(&ok)).is_ok());
    assert_eq!(code(&[("mood", json!(1))]), vec![("answers.sleep".into(), "required".into())]);
    assert_eq!(
        code(&[("mood", json!(5)), ("sleep", json!(7))]),
        vec![("answers.mood".into(), "unknown_option".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(25))]),
        vec![("answers.sleep".into(), "out_of_range".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7.5))]),
        vec![("answers.sleep".into(), "wrong_type".into())]
    );
    assert_eq!(
        code(&[("mood", json!("good")), ("sleep", json!(7))]),
        vec![("answers.mood".into(), "wrong_type".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("why", json!("tired"))]),
        vec![("answers.why".into(), "not_enabled".into())]
    );
    assert!(evaluate(
        &def,
        &answers(&[("mood", json!(0)), ("sleep", json!(7)), ("why", json!("tired"))])
    )
    .is_ok());
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("bogus", json!(1))]),
        vec![("answers.bogus".into(), "unknown_item".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("ok", json!("yes"))]),
        vec![("answers.ok".into(), "wrong_type".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("day", json!("31/01/2026"))]),
        vec![("answers.day".into(), "wrong_type".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("tags", json!([1, 3]))]),
        vec![("answers.tags".into(), "unknown_option".into())]
    );
    assert_eq!(
        code(&[("mood", json!(1)), ("sleep", json!(7)), ("tags", json!([1, 1]))]),
        vec![("answers.tags".into(), "duplicate_option".into())]
    );
    // Every problem at once.
    assert_eq!(code(&[("mood", json!(9)), ("x", json!(1))]).len(), 3);
    let e = evaluate(
        &def,
        &answers(&[
            ("mood", json!(1)),
            ("sleep", json!(7)),
            ("ok", json!(true)),
            ("tags", json!([1, 2])),
        ]),
    )
    .unwrap();
    assert_eq!(e.score, Some(1.0 + 7.0 + 1.0 + 3.0));
}

#[test]
fn definition_errors_have_precise_paths() {
    let bad: Definition = serde_json::from_value(json!({
        "items": [
            {"key": "a", "text": "A", "type": "single_choice", "options": [{"value": 0, "label": "x"}]},
            {"key": "a", "text": "", "type": "integer"},
            {"key": "c", "text": "C", "type": "text", "options": [{"value": 1, "label": "y"}], "enable_when": {"item": "d", "operator": "eq", "value": 1}},
            {"key": "d", "text": "D", "type": "single_choice", "options": [{"value": 0, "label": "x"}, {"value": 0, "label": "y"}]}
        ],
        "scoring": {"method": "sum", "items": ["c"], "subscales": [{"key": "s", "label": "S", "method": "sum", "items": ["zz"]}]},
        "bands": [{"min": 0, "max": 1, "label": "low"}, {"min": 1, "max": 2, "label": "high"}],
        "flags": [{"flag": "f", "item": "nope", "operator": "gt", "value": 0}]
    }))
    .unwrap();
    let got: Vec<(String, String)> =
        validate_definition(&bad).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
    for expected in [
        ("items[0].options", "too_few_options"),
        ("items[1].key", "duplicate_key"),
        ("items[1].text", "required"),
        ("items[1].min", "required"),
        ("items[2].options", "options_not_allowed"),
        ("items[2].enable_when.item", "not_earlier"),
        ("items[3].options[1].value", "duplicate_option"),
        ("scoring.items[0]", "unknown_item"),
        ("scoring.subscales[0].items[0]", "unknown_item"),
        ("bands[1]", "bands_overlap"),
        ("flags[0].item", "unknown_item"),
    ] {
        assert!(
            got.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} missing from {got:?}"
        );
    }
    let mut gap = phq9();
    gap.bands[1].min = 6.0;
    let got: Vec<String> =
        validate_definition(&gap).unwrap_err().0.into_iter().map(|e| e.code).collect();
    assert_eq!(got, vec!["bands_gap"]);
    let mut short = phq9();
    short.bands.pop();
    let got: Vec<String> =
        validate_definition(&short).unwrap_err().0.into_iter().map(|e| e.code).collect();
    assert_eq!(got, vec!["bands_do_not_cover"]);
}

proptest! {
    #[test]
    fn any_valid_answer_set_scores_inside_the_range(seed_idx in 0usize..4, vals in proptest::collection::vec(0u8..4, 9)) {
        let s = &seeds()[seed_idx];
        let n = s.definition.items.iter().filter(|i| i.scored).count();
        let a: Map<String, Value> = (1..=n).map(|i| (format!("q{i}"), json!(vals[i - 1]))).collect();
        let e = evaluate(&s.definition, &a).unwrap();
        let (lo, hi) = score_range(&s.definition);
        let score = e.score.unwrap();
        prop_assert!(score >= lo && score <= hi);
        prop_assert!(e.band.is_some(), "every score has a band");
    }

    #[test]
    fn custom_instrument_scores_inside_its_range(vals in proptest::collection::vec(0u8..=4, 12)) {
        let def = frs();
        let mut a: Map<String, Value> = (1..=12).map(|n| (format!("i{n}"), json!(vals[n - 1]))).collect();
        if vals[10] == 4 {
            a.remove("i12");
        }
        let e = evaluate(&def, &a).unwrap();
        let (lo, hi) = score_range(&def);
        prop_assert!(e.score.unwrap() >= lo && e.score.unwrap() <= hi);
        let sub_total: f64 = e.subscores.values().sum();
        prop_assert!((sub_total - e.score.unwrap()).abs() < 1e-9, "subscales partition the total");
    }

    #[test]
    fn reverse_scoring_is_an_involution(v in 0u8..=4) {
        let def = frs();
        let item = def.items.iter().find(|i| i.reverse).unwrap();
        let (lo, hi) = super::validate::item_range(item).unwrap();
        let once = lo + hi - f64::from(v);
        prop_assert_eq!(lo + hi - once, f64::from(v));
    }
}
