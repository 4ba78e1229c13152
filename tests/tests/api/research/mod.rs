//! Research (issue 15): researcher verification, studies, consent and exports.

mod applications;
mod consent;
pub(crate) mod exports;
mod fhir;
mod permissions;
mod studies;

use serde_json::{json, Value};

/// A complete, valid study request (asthma: condition and community; three categories).
pub fn study() -> Value {
    json!({
        "title": "Pollen and peak flow",
        "lay_summary": "We want to learn how pollen in the air changes breathing for people with asthma.",
        "purpose": "Estimate the association between daily pollen counts and peak expiratory flow.",
        "ethics_reference": "IRB-2026-017",
        "data_from": "2026-01-01",
        "data_to": "2026-12-31",
        "ends_on": "2099-06-30",
        "categories": [
            {"category": "demographics", "reason": "Age changes how lungs respond."},
            {"category": "measurement:peak_flow", "reason": "Peak flow shows how open the airways are."},
            {"category": "questionnaire:phq-9", "reason": "Low mood may change how people measure."},
        ],
        "conditions": ["asthma"],
        "communities": ["asthma"],
    })
}
