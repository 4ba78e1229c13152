//! The JSON shape of a questionnaire version.

use serde::{Deserialize, Serialize};

/// A version's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The items, in the order they are asked.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub items: Vec<Item>,
    /// How the total and subscale scores are computed.
    pub scoring: Scoring,
    /// Score ranges and their labels (on the total score), covering the whole score range.
    #[serde(default)]
    pub bands: Vec<Band>,
    /// Rules that raise named flags (e.g. `self_harm_risk`).
    #[serde(default)]
    pub flags: Vec<FlagRule>,
    /// Slugs of shorter questionnaires whose questions this one asks too (PHQ-9 holds the
    /// PHQ-2): a response to this one also counts as a response to them when deciding what is
    /// due.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = covers_schema))]
    pub covers: Vec<String>,
}

/// `covers`: at most 10 questionnaire slugs.
#[cfg(feature = "openapi")]
fn covers_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")),
        )
        .max_items(Some(10))
        .description(Some(
            "Slugs of shorter questionnaires whose questions this one asks too: a response to \
             this one also counts as a response to them when deciding what is due.",
        ))
        .build()
}

/// The kind of answer an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    /// One option (answer: its numeric value).
    SingleChoice,
    /// Any options (answer: array of values; scores their sum).
    MultiChoice,
    /// A whole number within min/max.
    Integer,
    /// A number within min/max.
    Decimal,
    /// true / false (scores 1 / 0).
    Boolean,
    /// Free text (never scored; ≤ 2000 characters).
    Text,
    /// A date, `YYYY-MM-DD` (never scored).
    Date,
}

/// An answer option of a choice item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// The numeric value (what is sent and scored).
    pub value: f64,
    /// The text shown.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub label: String,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique key within the version (answers are keyed by it).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z0-9_]{1,40}$"))]
    pub key: String,
    /// The question as shown.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub text: String,
    /// Extra help shown with the question.
    #[serde(default)]
    pub help: Option<String>,
    /// The answer type.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// Options, for choice items.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Lowest allowed value (integer / decimal items).
    #[serde(default)]
    pub min: Option<f64>,
    /// Highest allowed value (integer / decimal items).
    #[serde(default)]
    pub max: Option<f64>,
    /// Must be answered when enabled (default true).
    #[serde(default = "yes")]
    pub required: bool,
    /// Ask this item only when a condition on an earlier item's answer holds.
    #[serde(default)]
    pub enable_when: Option<EnableWhen>,
    /// LOINC code of the item.
    #[serde(default)]
    pub loinc: Option<String>,
    /// Counts towards the total score (default true for numeric items).
    #[serde(default = "yes")]
    pub scored: bool,
    /// Reverse-scored: (lowest + highest) − value.
    #[serde(default)]
    pub reverse: bool,
}

fn yes() -> bool {
    true
}

/// Comparison operators of conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Equal.
    Eq,
    /// Not equal.
    Ne,
    /// Greater than.
    Gt,
    /// Greater or equal.
    Gte,
    /// Less than.
    Lt,
    /// Less or equal.
    Lte,
    /// Has any answer (no value needed).
    Answered,
}

impl Operator {
    /// Applies the operator (`Answered` is true for any present value).
    pub fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Operator::Eq => (left - right).abs() < 1e-9,
            Operator::Ne => (left - right).abs() >= 1e-9,
            Operator::Gt => left > right,
            Operator::Gte => left >= right,
            Operator::Lt => left < right,
            Operator::Lte => left <= right,
            Operator::Answered => true,
        }
    }
}

/// Condition for asking an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnableWhen {
    /// An earlier item's key.
    pub item: String,
    /// Comparison.
    pub operator: Operator,
    /// Value compared with that item's numeric answer (omit for `answered`).
    #[serde(default)]
    pub value: Option<f64>,
}

/// Sum or mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreMethod {
    /// Sum of item scores.
    Sum,
    /// Mean of answered item scores (2 decimals).
    Mean,
}

/// Scoring of the total and subscales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Sum or mean.
    pub method: ScoreMethod,
    /// Items in the total (default: every scored numeric item).
    #[serde(default)]
    pub items: Option<Vec<String>>,
    /// Subscales.
    #[serde(default)]
    pub subscales: Vec<Subscale>,
}

/// A subscale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Subscale {
    /// Key (in `subscores`).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z0-9_]{1,40}$"))]
    pub key: String,
    /// Display label.
    pub label: String,
    /// Sum or mean.
    pub method: ScoreMethod,
    /// Its items.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub items: Vec<String>,
}

/// A score range and its label; both ends inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest score in the band.
    pub min: f64,
    /// Highest score in the band.
    pub max: f64,
    /// Label (e.g. `moderate`).
    pub label: String,
    /// Optional plain-language description.
    #[serde(default)]
    pub description: Option<String>,
}

/// Raises `flag` when the condition holds on an item's answer, a subscale, or (with neither)
/// the total score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    /// The flag raised (e.g. `self_harm_risk`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub flag: String,
    /// Test this item's raw numeric answer.
    #[serde(default)]
    pub item: Option<String>,
    /// Test this subscale's score.
    #[serde(default)]
    pub subscale: Option<String>,
    /// Comparison.
    pub operator: Operator,
    /// Compared value.
    pub value: f64,
}
