//! Questionnaire, version, response and response-item rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{questionnaire_versions, questionnaires, response_items, responses};

/// A questionnaire.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = questionnaires)]
pub struct Questionnaire {
    /// Id.
    pub id: String,
    /// Slug (`phq-9`).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Licence / source note.
    pub licence: String,
    /// LOINC panel code.
    pub loinc_panel: Option<String>,
    /// LOINC total-score code.
    pub loinc_total: Option<String>,
    /// Days between responses.
    pub recommended_interval_days: i32,
    /// Created.
    pub created_at: NaiveDateTime,
}

/// A version.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = questionnaire_versions)]
pub struct QuestionnaireVersion {
    /// Id.
    pub id: String,
    /// Questionnaire.
    pub questionnaire_id: String,
    /// 1, 2, …
    pub version: i32,
    /// `draft` | `published` | `retired`.
    pub status: String,
    /// JSON definition.
    pub definition: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Published.
    pub published_at: Option<NaiveDateTime>,
    /// Retired.
    pub retired_at: Option<NaiveDateTime>,
}

/// A submitted response.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = responses)]
pub struct Response {
    /// Id.
    pub id: String,
    /// Member.
    pub user_id: String,
    /// Questionnaire.
    pub questionnaire_id: String,
    /// Version answered.
    pub version_id: String,
    /// Client id (idempotent retries).
    pub client_id: Option<String>,
    /// Total score.
    pub score: Option<f64>,
    /// Band label.
    pub band: Option<String>,
    /// Subscores (JSON object).
    pub subscores: String,
    /// Flags (JSON array).
    pub flags: String,
    /// Submitted.
    pub submitted_at: NaiveDateTime,
}

/// One answer.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = response_items)]
pub struct ResponseItem {
    /// Id.
    pub id: String,
    /// Response.
    pub response_id: String,
    /// Member (for erasure and export).
    pub user_id: String,
    /// Item key.
    pub item_key: String,
    /// Numeric answer.
    pub value_number: Option<f64>,
    /// Text answer.
    pub value_text: Option<String>,
}

/// Who answered which version, and when: what a scored response is stored against.
#[derive(Debug, Clone, Copy)]
pub struct ResponseContext<'a> {
    /// Member.
    pub user_id: &'a str,
    /// Questionnaire id.
    pub questionnaire_id: &'a str,
    /// Version id.
    pub version_id: &'a str,
    /// Client id for idempotent retries.
    pub client_id: Option<&'a str>,
    /// When it was submitted.
    pub submitted_at: NaiveDateTime,
}

impl Response {
    /// The rows to store for a scored response: the response and one row per answer.
    pub fn from_evaluation(
        ctx: ResponseContext<'_>,
        eval: &kindred_domain::questionnaire::Evaluation,
    ) -> (Response, Vec<ResponseItem>) {
        let response = Response {
            id: crate::new_id(),
            user_id: ctx.user_id.to_string(),
            questionnaire_id: ctx.questionnaire_id.to_string(),
            version_id: ctx.version_id.to_string(),
            client_id: ctx.client_id.map(str::to_string),
            score: eval.score,
            band: eval.band.as_ref().map(|b| b.label.clone()),
            // Serialising a map of numbers and a list of strings cannot fail.
            subscores: serde_json::to_string(&eval.subscores).unwrap_or_else(|_| "{}".into()),
            flags: serde_json::to_string(&eval.flags).unwrap_or_else(|_| "[]".into()),
            submitted_at: ctx.submitted_at,
        };
        let items = eval
            .items
            .iter()
            .map(|a| ResponseItem {
                id: crate::new_id(),
                response_id: response.id.clone(),
                user_id: ctx.user_id.to_string(),
                item_key: a.key.clone(),
                value_number: a.value_number,
                value_text: a.value_text.clone(),
            })
            .collect();
        (response, items)
    }
}

impl QuestionnaireVersion {
    /// Where the version is in its life.
    pub fn status(&self) -> Result<kindred_domain::questionnaire::VersionStatus, crate::DbError> {
        use kindred_domain::questionnaire::VersionStatus;
        crate::error::typed(
            VersionStatus::parse,
            "questionnaire_versions",
            &self.id,
            "status",
            &self.status,
        )
    }
}

impl Response {
    /// The flags the scoring raised (e.g. `self_harm_risk`): a row whose flags do not parse is
    /// an error, never "no flags".
    pub fn flags(&self) -> Result<Vec<String>, crate::DbError> {
        let parse = |s: &str| serde_json::from_str::<Vec<String>>(s).ok();
        crate::error::typed(parse, "responses", &self.id, "flags", &self.flags)
    }
}
