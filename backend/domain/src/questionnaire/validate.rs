//! Checking a definition before it can be published.

use std::collections::HashSet;

use super::definition::{Definition, Item, ItemType, Operator, ScoreMethod};
use crate::FieldErrors;

/// Items that yield a number.
pub(crate) fn is_scorable(item: &Item) -> bool {
    !matches!(item.item_type, ItemType::Text | ItemType::Date)
}

/// The lowest and highest raw score of an item, when known.
pub(crate) fn item_range(item: &Item) -> Option<(f64, f64)> {
    let vals = item.options.iter().map(|o| o.value);
    match item.item_type {
        ItemType::SingleChoice => {
            let min = vals.clone().fold(f64::INFINITY, f64::min);
            let max = vals.fold(f64::NEG_INFINITY, f64::max);
            (min.is_finite() && max.is_finite()).then_some((min, max))
        }
        ItemType::MultiChoice => {
            let lo: f64 = vals.clone().filter(|v| *v < 0.0).sum();
            let hi: f64 = vals.filter(|v| *v > 0.0).sum();
            Some((lo, hi))
        }
        ItemType::Integer | ItemType::Decimal => Some((item.min?, item.max?)),
        ItemType::Boolean => Some((0.0, 1.0)),
        ItemType::Text | ItemType::Date => None,
    }
}

/// The items in the total score.
pub(crate) fn total_items(def: &Definition) -> Vec<&Item> {
    match &def.scoring.items {
        Some(keys) => keys.iter().filter_map(|k| def.items.iter().find(|i| &i.key == k)).collect(),
        None => def.items.iter().filter(|i| i.scored && is_scorable(i)).collect(),
    }
}

/// The lowest and highest possible total score.
pub fn score_range(def: &Definition) -> (f64, f64) {
    let items = total_items(def);
    let (lo, hi) = items
        .iter()
        .filter_map(|i| item_range(i))
        .fold((0.0, 0.0), |(a, b), (l, h)| (a + l, b + h));
    match def.scoring.method {
        ScoreMethod::Sum => (lo, hi),
        ScoreMethod::Mean if !items.is_empty() => {
            (lo / items.len() as f64, hi / items.len() as f64)
        }
        ScoreMethod::Mean => (0.0, 0.0),
    }
}

/// Whether every total score is a whole number (sum of whole-valued items).
fn integer_scores(def: &Definition) -> bool {
    def.scoring.method == ScoreMethod::Sum
        && total_items(def).iter().all(|i| {
            i.item_type != ItemType::Decimal
                && i.options.iter().all(|o| o.value.fract() == 0.0)
                && [i.min, i.max].iter().flatten().all(|v| v.fract() == 0.0)
        })
}

fn valid_key(k: &str) -> bool {
    (1..=40).contains(&k.len())
        && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Checks a definition; every problem is reported with its JSON path.
///
/// Bands must cover the score range with no gap and no overlap. For whole-number scores
/// (sums of whole-valued items) consecutive bands must meet exactly (0–4, 5–9); for other
/// scores (means) the next band starts at most 0.01 above the previous one's end, matching
/// the two-decimal rounding of mean scores.
pub fn validate_definition(def: &Definition) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    if def.items.is_empty() {
        errs.add("items", "required", "A questionnaire needs at least one item.");
    }
    if def.covers.len() > 10 {
        errs.add("covers", "too_many", "A questionnaire covers at most 10 others.");
    }
    for (i, slug) in def.covers.iter().enumerate() {
        let field = format!("covers[{i}]");
        match crate::account::parse_slug(slug, &field) {
            Ok(s) if &s == slug => {}
            Ok(_) => {
                errs.add(field, "invalid_slug", "Use 2–60 lower-case letters, digits and '-'.")
            }
            Err(e) => errs.push(e),
        }
    }
    let mut seen = HashSet::new();
    for (i, item) in def.items.iter().enumerate() {
        let p = format!("items[{i}]");
        if !valid_key(&item.key) {
            errs.add(
                format!("{p}.key"),
                "invalid_key",
                "Use 1–40 lower-case letters, digits and '_'.",
            );
        } else if !seen.insert(item.key.as_str()) {
            errs.add(
                format!("{p}.key"),
                "duplicate_key",
                format!("The key {} is used twice.", item.key),
            );
        }
        if item.text.trim().is_empty() {
            errs.add(format!("{p}.text"), "required", "Give the item a text.");
        }
        let choice = matches!(item.item_type, ItemType::SingleChoice | ItemType::MultiChoice);
        if choice {
            if item.options.len() < 2 {
                errs.add(
                    format!("{p}.options"),
                    "too_few_options",
                    "A choice item needs at least two options.",
                );
            }
            let mut vals = HashSet::new();
            for (j, o) in item.options.iter().enumerate() {
                if !o.value.is_finite() || !vals.insert(o.value.to_bits()) {
                    errs.add(
                        format!("{p}.options[{j}].value"),
                        "duplicate_option",
                        "Option values must be distinct numbers.",
                    );
                }
                if o.label.trim().is_empty() {
                    errs.add(
                        format!("{p}.options[{j}].label"),
                        "required",
                        "Give the option a label.",
                    );
                }
            }
        } else if !item.options.is_empty() {
            errs.add(
                format!("{p}.options"),
                "options_not_allowed",
                "Only choice items have options.",
            );
        }
        if let (Some(lo), Some(hi)) = (item.min, item.max) {
            if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                errs.add(format!("{p}.max"), "invalid_range", "max must not be below min.");
            }
        }
        let numeric = matches!(item.item_type, ItemType::Integer | ItemType::Decimal);
        if numeric && item.scored && (item.min.is_none() || item.max.is_none()) {
            errs.add(format!("{p}.min"), "required", "A scored number item needs min and max.");
        }
        if item.reverse && (!is_scorable(item) || item_range(item).is_none()) {
            errs.add(
                format!("{p}.reverse"),
                "not_reversible",
                "Only numeric items with a known range can be reverse-scored.",
            );
        }
        if let Some(ew) = &item.enable_when {
            match def.items.iter().position(|x| x.key == ew.item) {
                None => errs.add(
                    format!("{p}.enable_when.item"),
                    "unknown_item",
                    format!("No item {}.", ew.item),
                ),
                Some(k) if k >= i => errs.add(
                    format!("{p}.enable_when.item"),
                    "not_earlier",
                    "enable_when must refer to an earlier item.",
                ),
                Some(_) => {}
            }
            if ew.operator != Operator::Answered && ew.value.is_none() {
                errs.add(
                    format!("{p}.enable_when.value"),
                    "required",
                    "Give the value to compare with.",
                );
            }
        }
    }
    let scorable_key = |k: &str| def.items.iter().any(|i| i.key == k && is_scorable(i));
    if let Some(keys) = &def.scoring.items {
        for (j, k) in keys.iter().enumerate() {
            if !scorable_key(k) {
                errs.add(
                    format!("scoring.items[{j}]"),
                    "unknown_item",
                    format!("{k} is not a scorable item."),
                );
            }
        }
    }
    let mut sub_keys = HashSet::new();
    for (s, sub) in def.scoring.subscales.iter().enumerate() {
        if !valid_key(&sub.key) || !sub_keys.insert(sub.key.as_str()) {
            errs.add(
                format!("scoring.subscales[{s}].key"),
                "invalid_key",
                "Subscale keys are unique, 1–40 of a-z, 0-9, '_'.",
            );
        }
        if sub.items.is_empty() {
            errs.add(
                format!("scoring.subscales[{s}].items"),
                "required",
                "A subscale needs items.",
            );
        }
        for (j, k) in sub.items.iter().enumerate() {
            if !scorable_key(k) {
                errs.add(
                    format!("scoring.subscales[{s}].items[{j}]"),
                    "unknown_item",
                    format!("{k} is not a scorable item."),
                );
            }
        }
    }
    check_bands(def, &mut errs);
    for (f, rule) in def.flags.iter().enumerate() {
        if rule.flag.trim().is_empty() {
            errs.add(format!("flags[{f}].flag"), "required", "Name the flag.");
        }
        if rule.item.is_some() && rule.subscale.is_some() {
            errs.add(
                format!("flags[{f}]"),
                "ambiguous",
                "A flag tests an item or a subscale, not both.",
            );
        }
        if let Some(k) = &rule.item {
            if !scorable_key(k) {
                errs.add(
                    format!("flags[{f}].item"),
                    "unknown_item",
                    format!("No numeric item {k}."),
                );
            }
        }
        if let Some(s) = &rule.subscale {
            if !def.scoring.subscales.iter().any(|x| &x.key == s) {
                errs.add(
                    format!("flags[{f}].subscale"),
                    "unknown_subscale",
                    format!("No subscale {s}."),
                );
            }
        }
    }
    errs.into_result(())
}

fn check_bands(def: &Definition, errs: &mut FieldErrors) {
    if def.bands.is_empty() {
        return;
    }
    let mut bands: Vec<(usize, &super::Band)> = def.bands.iter().enumerate().collect();
    bands.sort_by(|a, b| a.1.min.total_cmp(&b.1.min));
    for (i, b) in &bands {
        if !(b.min.is_finite() && b.max.is_finite() && b.min <= b.max) {
            errs.add(
                format!("bands[{i}]"),
                "invalid_range",
                "A band's max must not be below its min.",
            );
        }
    }
    let step = if integer_scores(def) { 1.0 } else { 0.01 };
    for pair in bands.windows(2) {
        let ((_, prev), (j, next)) = (pair[0], pair[1]);
        if next.min <= prev.max {
            errs.add(
                format!("bands[{j}]"),
                "bands_overlap",
                format!("{} overlaps {}.", next.label, prev.label),
            );
        } else if next.min - prev.max > step + 1e-9 {
            errs.add(
                format!("bands[{j}]"),
                "bands_gap",
                format!("Scores between {} and {} have no band.", prev.max, next.min),
            );
        }
    }
    let (lo, hi) = score_range(def);
    let first = bands.first().map(|b| b.1.min).unwrap_or(lo);
    let last = bands.last().map(|b| b.1.max).unwrap_or(hi);
    if first > lo + 1e-9 || last < hi - 1e-9 {
        errs.add(
            "bands",
            "bands_do_not_cover",
            format!("Bands must cover every score from {lo} to {hi}."),
        );
    }
}
