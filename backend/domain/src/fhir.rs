//! FHIR R4 resources of a `fhir` export (Bulk Data NDJSON): built from the same de-identified
//! rows as the CSV tables, so they hold nothing the tables do not. A participant is a
//! `Patient` with the study pseudonym as its id and nothing else.
//!
//! Dates: in `absolute` mode, `effectiveDateTime` / `authored`; in `relative` mode neither,
//! and the day offset as the extension [`RELATIVE_DAY`] (FHIR has no relative time).

use serde_json::{json, Value};

use crate::export::{timestamp, When};
use crate::measurement::MeasurementTypeDef;
use crate::questionnaire::{Definition, ItemType};

/// The extension carrying a relative day.
pub const RELATIVE_DAY: &str = "urn:kindred:relative-day";
/// The code system of measurement types without a LOINC code.
pub const KINDRED_TYPES: &str = "urn:kindred:measurement-type";
const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const ICD10: &str = "http://hl7.org/fhir/sid/icd-10";

/// A FHIR id (`[A-Za-z0-9\-\.]{1,64}`) from a slug: underscores become hyphens.
pub fn id_of(slug: &str) -> String {
    slug.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' })
        .take(64)
        .collect()
}

/// The canonical URL of a questionnaire (its `url`; responses cite `url|version`).
pub fn questionnaire_url(slug: &str) -> String {
    format!("urn:kindred:questionnaire:{}", id_of(slug))
}

fn subject(pseudonym: &str) -> Value {
    json!({ "reference": format!("Patient/{pseudonym}") })
}

fn set_when(r: &mut Value, when: When, field: &str) {
    match when {
        When::At(t) => r[field] = Value::String(timestamp(t)),
        When::Day(d) => r["extension"] = json!([{ "url": RELATIVE_DAY, "valueInteger": d }]),
    }
}

fn quantity(value: f64, unit: &str) -> Value {
    json!({ "value": value, "unit": unit, "system": UCUM, "code": unit })
}

fn code(system: &str, code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code, "display": display }], "text": display })
}

/// A participant: the pseudonym only.
pub fn patient(pseudonym: &str) -> Value {
    json!({ "resourceType": "Patient", "id": pseudonym })
}

/// A condition of a participant, coded in ICD-10, with the year of diagnosis as its onset.
pub fn condition(
    id: &str,
    pseudonym: &str,
    icd10: &str,
    name: &str,
    diagnosis_year: Option<i32>,
) -> Value {
    let mut r = json!({
        "resourceType": "Condition",
        "id": id,
        "subject": subject(pseudonym),
        "code": code(ICD10, icd10, name),
    });
    if let Some(y) = diagnosis_year {
        r["onsetDateTime"] = Value::String(format!("{y:04}"));
    }
    r
}

/// A measurement: one Observation; a type with several components (blood pressure) gives one
/// Observation with a component each (`value1`, `value2` in component order).
pub fn observation(
    id: &str,
    pseudonym: &str,
    def: &MeasurementTypeDef,
    when: When,
    value1: f64,
    value2: Option<f64>,
) -> Value {
    let type_code = match &def.loinc {
        Some(l) => code(LOINC, l, &def.name),
        None => code(KINDRED_TYPES, &def.slug, &def.name),
    };
    let mut r = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "code": type_code,
        "subject": subject(pseudonym),
    });
    if def.is_multi() {
        let values = [Some(value1), value2];
        let components: Vec<Value> = def
            .components
            .iter()
            .zip(values)
            .filter_map(|(c, v)| {
                let v = v?;
                let c_code = match &c.loinc {
                    Some(l) => code(LOINC, l, &c.name),
                    None => code(KINDRED_TYPES, &format!("{}.{}", def.slug, c.key), &c.name),
                };
                Some(json!({ "code": c_code, "valueQuantity": quantity(v, &def.unit) }))
            })
            .collect();
        r["component"] = Value::Array(components);
    } else {
        r["valueQuantity"] = quantity(value1, &def.unit);
    }
    set_when(&mut r, when, "effectiveDateTime");
    r
}

fn item_type(t: ItemType) -> &'static str {
    match t {
        ItemType::SingleChoice | ItemType::MultiChoice => "choice",
        ItemType::Integer => "integer",
        ItemType::Decimal => "decimal",
        ItemType::Boolean => "boolean",
        ItemType::Text => "text",
        ItemType::Date => "date",
    }
}

fn option_code(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// A questionnaire version (its questions and options; nothing of any participant).
pub fn questionnaire(slug: &str, version: i32, title: &str, def: &Definition) -> Value {
    let items: Vec<Value> = def
        .items
        .iter()
        .map(|i| {
            let mut it = json!({
                "linkId": i.key,
                "text": i.text,
                "type": item_type(i.item_type),
                "required": i.required,
            });
            if i.item_type == ItemType::MultiChoice {
                it["repeats"] = Value::Bool(true);
            }
            if let Some(l) = &i.loinc {
                it["code"] = json!([{ "system": LOINC, "code": l }]);
            }
            if !i.options.is_empty() {
                it["answerOption"] = Value::Array(
                    i.options
                        .iter()
                        .map(|o| {
                            json!({ "valueCoding": {
                                "code": option_code(o.value), "display": o.label } })
                        })
                        .collect(),
                );
            }
            it
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "id": format!("{}-v{version}", id_of(slug)),
        "url": questionnaire_url(slug),
        "version": version.to_string(),
        "title": title,
        "status": "active",
        "item": items,
    })
}

/// One answered item of a response: the item's type, its numeric value and (multi-choice)
/// the values chosen.
pub struct Answer<'a> {
    /// The item's key.
    pub key: &'a str,
    /// The item's type.
    pub item_type: ItemType,
    /// The numeric answer.
    pub value: Option<f64>,
    /// A multi-choice item's chosen values.
    pub choices: Vec<f64>,
}

fn answer_values(a: &Answer<'_>) -> Vec<Value> {
    let coding = |v: f64| json!({ "valueCoding": { "code": option_code(v) } });
    match (a.item_type, a.value) {
        (ItemType::MultiChoice, _) => a.choices.iter().map(|v| coding(*v)).collect(),
        (ItemType::SingleChoice, Some(v)) => vec![coding(v)],
        (ItemType::Integer, Some(v)) => vec![json!({ "valueInteger": v as i64 })],
        (ItemType::Boolean, Some(v)) => vec![json!({ "valueBoolean": v != 0.0 })],
        (ItemType::Decimal, Some(v)) => vec![json!({ "valueDecimal": v })],
        // Free text and dates never leave; an item without a value has no answer.
        _ => Vec::new(),
    }
}

/// A questionnaire response with its numeric and choice answers.
pub fn questionnaire_response(
    id: &str,
    pseudonym: &str,
    slug: &str,
    version: i32,
    when: When,
    answers: &[Answer<'_>],
) -> Value {
    let items: Vec<Value> = answers
        .iter()
        .filter_map(|a| {
            let values = answer_values(a);
            (!values.is_empty()).then(|| json!({ "linkId": a.key, "answer": values }))
        })
        .collect();
    let mut r = json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "questionnaire": format!("{}|{version}", questionnaire_url(slug)),
        "status": "completed",
        "subject": subject(pseudonym),
    });
    if !items.is_empty() {
        r["item"] = Value::Array(items);
    }
    set_when(&mut r, when, "authored");
    r
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::measurement::seed_types;

    #[test]
    fn blood_pressure_is_one_observation_with_two_components() {
        let bp = seed_types().into_iter().find(|t| t.slug == "blood_pressure").unwrap();
        let o = observation("m1", "p1", &bp, When::Day(4), 120.0, Some(80.0));
        assert_eq!(o["code"]["coding"][0]["code"], "85354-9");
        assert_eq!(o["component"][0]["code"]["coding"][0]["code"], "8480-6");
        assert_eq!(o["component"][1]["valueQuantity"]["value"], 80.0);
        assert_eq!(o["component"][1]["valueQuantity"]["code"], "mm[Hg]");
        assert_eq!(o["extension"][0]["valueInteger"], 4);
        assert!(o.get("effectiveDateTime").is_none());
    }

    #[test]
    fn ids_are_valid_fhir_ids() {
        assert_eq!(id_of("phq_9"), "phq-9");
        assert_eq!(id_of("a b"), "a-b");
    }

    #[test]
    fn text_and_date_answers_never_appear() {
        let answers = [
            Answer { key: "t", item_type: ItemType::Text, value: None, choices: vec![] },
            Answer { key: "d", item_type: ItemType::Date, value: None, choices: vec![] },
            Answer {
                key: "c",
                item_type: ItemType::SingleChoice,
                value: Some(2.0),
                choices: vec![],
            },
        ];
        let r = questionnaire_response("r1", "p1", "phq_9", 1, When::Day(0), &answers);
        assert_eq!(r["item"].as_array().unwrap().len(), 1);
        assert_eq!(r["item"][0]["answer"][0]["valueCoding"]["code"], "2");
    }
}
