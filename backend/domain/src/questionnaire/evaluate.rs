//! Checking answers and scoring them.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::definition::{Definition, Item, ItemType, Operator, ScoreMethod};
use super::validate::{item_range, total_items};
use crate::FieldErrors;

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnsweredItem {
    /// Item key.
    pub key: String,
    /// Numeric answer (choice value, number, 1/0 for booleans, sum for multi-choice).
    pub value_number: Option<f64>,
    /// Text answer (text and date items; multi-choice selections as JSON).
    pub value_text: Option<String>,
}

/// The band a total score falls in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BandResult {
    /// Label.
    pub label: String,
    /// Description.
    pub description: Option<String>,
}

/// The result of a response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    /// Total score (none when no scored item was answered).
    pub score: Option<f64>,
    /// Subscale scores by key.
    pub subscores: BTreeMap<String, f64>,
    /// The band of the total score.
    pub band: Option<BandResult>,
    /// Flags raised (e.g. `self_harm_risk`).
    pub flags: Vec<String>,
    /// The answers, item by item, in item order.
    pub items: Vec<AnsweredItem>,
}

fn reverse(item: &Item, v: f64) -> f64 {
    match (item.reverse, item_range(item)) {
        (true, Some((lo, hi))) => lo + hi - v,
        _ => v,
    }
}

fn aggregate(method: ScoreMethod, vals: &[f64]) -> Option<f64> {
    if vals.is_empty() {
        return None;
    }
    let sum: f64 = vals.iter().sum();
    Some(match method {
        ScoreMethod::Sum => sum,
        ScoreMethod::Mean => ((sum / vals.len() as f64) * 100.0).round() / 100.0,
    })
}

/// Checks an answer against its item; returns the stored form, or the error code and message.
fn check(item: &Item, v: &Value) -> Result<AnsweredItem, (&'static str, String)> {
    let num = |value_number| {
        Ok(AnsweredItem {
            key: item.key.clone(),
            value_number: Some(value_number),
            value_text: None,
        })
    };
    let in_range = |x: f64| item.min.is_none_or(|m| x >= m) && item.max.is_none_or(|m| x <= m);
    let range_msg = || {
        format!(
            "Enter a value from {} to {}.",
            item.min.unwrap_or(f64::NEG_INFINITY),
            item.max.unwrap_or(f64::INFINITY)
        )
    };
    match item.item_type {
        ItemType::SingleChoice => {
            let x = v.as_f64().ok_or(("wrong_type", "Choose one of the options.".to_string()))?;
            if item.options.iter().any(|o| (o.value - x).abs() < 1e-9) {
                num(x)
            } else {
                Err(("unknown_option", "That is not one of the options.".into()))
            }
        }
        ItemType::MultiChoice => {
            let arr = v
                .as_array()
                .ok_or(("wrong_type", "Send the chosen option values as a list.".to_string()))?;
            let mut chosen = Vec::new();
            for x in arr {
                let x =
                    x.as_f64().ok_or(("wrong_type", "Option values are numbers.".to_string()))?;
                if !item.options.iter().any(|o| (o.value - x).abs() < 1e-9) {
                    return Err(("unknown_option", format!("{x} is not one of the options.")));
                }
                if chosen.contains(&x) {
                    return Err(("duplicate_option", "Each option can be chosen once.".into()));
                }
                chosen.push(x);
            }
            Ok(AnsweredItem {
                key: item.key.clone(),
                value_number: Some(chosen.iter().sum()),
                value_text: Some(Value::from(chosen).to_string()),
            })
        }
        ItemType::Integer => match v.as_f64() {
            Some(x) if x.fract() == 0.0 && in_range(x) => num(x),
            Some(x) if x.fract() == 0.0 => Err(("out_of_range", range_msg())),
            Some(_) => Err(("wrong_type", "Enter a whole number.".into())),
            None => Err(("wrong_type", "Enter a number.".into())),
        },
        ItemType::Decimal => match v.as_f64() {
            Some(x) if x.is_finite() && in_range(x) => num(x),
            Some(_) => Err(("out_of_range", range_msg())),
            None => Err(("wrong_type", "Enter a number.".into())),
        },
        ItemType::Boolean => match v.as_bool() {
            Some(b) => num(if b { 1.0 } else { 0.0 }),
            None => Err(("wrong_type", "Answer yes (true) or no (false).".into())),
        },
        ItemType::Text => match v.as_str() {
            Some(s) if s.chars().count() <= 2000 => Ok(AnsweredItem {
                key: item.key.clone(),
                value_number: None,
                value_text: Some(s.trim().to_string()),
            }),
            Some(_) => Err(("too_long", "At most 2000 characters.".into())),
            None => Err(("wrong_type", "Enter text.".into())),
        },
        ItemType::Date => {
            match v.as_str().and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
                Some(d) => Ok(AnsweredItem {
                    key: item.key.clone(),
                    value_number: None,
                    value_text: Some(d.to_string()),
                }),
                None => Err(("wrong_type", "Enter a date as YYYY-MM-DD.".into())),
            }
        }
    }
}

/// Checks every answer against the version and scores the response. Errors name
/// `answers.<item key>` and are all reported at once.
pub fn evaluate(def: &Definition, answers: &Map<String, Value>) -> Result<Evaluation, FieldErrors> {
    let mut errs = FieldErrors::new();
    for key in answers.keys() {
        if !def.items.iter().any(|i| &i.key == key) {
            errs.add(
                format!("answers.{key}"),
                "unknown_item",
                "This questionnaire has no such item.",
            );
        }
    }
    let mut stored: Vec<AnsweredItem> = Vec::new();
    for item in &def.items {
        let field = format!("answers.{}", item.key);
        let enabled = match &item.enable_when {
            None => true,
            Some(ew) => match stored.iter().find(|a| a.key == ew.item) {
                None => false,
                Some(_) if ew.operator == Operator::Answered => true,
                Some(a) => match (a.value_number, ew.value) {
                    (Some(l), Some(r)) => ew.operator.holds(l, r),
                    _ => false,
                },
            },
        };
        let given = answers.get(&item.key).filter(|v| !v.is_null());
        match (enabled, given) {
            (false, Some(_)) => errs.add(
                field,
                "not_enabled",
                "This item does not apply given your earlier answers; leave it out.",
            ),
            (false, None) => {}
            (true, None) if item.required => errs.add(field, "required", "Answer this item."),
            (true, None) => {}
            (true, Some(v)) => match check(item, v) {
                Ok(a) => stored.push(a),
                Err((code, msg)) => errs.add(field, code, msg),
            },
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let score_of = |key: &str| -> Option<f64> {
        let item = def.items.iter().find(|i| i.key == key)?;
        let v = stored.iter().find(|a| a.key == key)?.value_number?;
        Some(reverse(item, v))
    };
    let totals: Vec<f64> = total_items(def).iter().filter_map(|i| score_of(&i.key)).collect();
    let score = aggregate(def.scoring.method, &totals);
    let mut subscores = BTreeMap::new();
    for sub in &def.scoring.subscales {
        let vals: Vec<f64> = sub.items.iter().filter_map(|k| score_of(k)).collect();
        if let Some(s) = aggregate(sub.method, &vals) {
            subscores.insert(sub.key.clone(), s);
        }
    }
    let band = score.and_then(|s| {
        def.bands
            .iter()
            .find(|b| s >= b.min - 1e-9 && s <= b.max + 1e-9)
            .map(|b| BandResult { label: b.label.clone(), description: b.description.clone() })
    });
    let mut flags = Vec::new();
    for rule in &def.flags {
        let left = match (&rule.item, &rule.subscale) {
            (Some(k), _) => stored.iter().find(|a| &a.key == k).and_then(|a| a.value_number),
            (None, Some(s)) => subscores.get(s).copied(),
            (None, None) => score,
        };
        if left.is_some_and(|l| rule.operator.holds(l, rule.value)) && !flags.contains(&rule.flag) {
            flags.push(rule.flag.clone());
        }
    }
    Ok(Evaluation { score, subscores, band, flags, items: stored })
}
