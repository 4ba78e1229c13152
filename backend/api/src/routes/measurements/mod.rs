//! At-home measurements: types, logging (single, batch, CSV import), listing, summaries,
//! edits with history, deletion.

pub mod batch;
pub mod create;
pub mod delete;
pub mod display_units_list;
pub mod display_units_set;
pub mod export_csv;
pub mod extent;
pub mod get;
pub mod health_import;
pub mod health_import_get;
pub mod import;
pub mod list;
pub mod summary;
pub mod targets_delete;
pub mod targets_list;
pub mod targets_set;
pub mod types_create;
pub mod types_list;
pub mod update;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kindred_db::models::measurement::Measurement;
use kindred_domain::measurement::{MeasurementInput, MeasurementTypeDef, ReadingContext, Source};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

area! {
    types_list::handler,
    types_create::handler,
    batch::handler,
    import::handler,
    health_import::handler,
    health_import_get::handler,
    summary::handler,
    extent::handler,
    export_csv::handler,
    targets_list::handler,
    targets_set::handler,
    targets_delete::handler,
    display_units_list::handler,
    display_units_set::handler,
    list::handler,
    create::handler,
    get::handler,
    update::handler,
    delete::handler,
}

/// One component's target range; a missing bound is open ("below 130": only `high`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetRange {
    /// Lowest value in range.
    #[serde(default)]
    pub low: Option<f64>,
    /// Highest value in range.
    #[serde(default)]
    pub high: Option<f64>,
}

/// A reading to log.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementRequest {
    /// Type slug (`blood_pressure`, `body_weight`, … from `GET /measurement-types`).
    #[serde(rename = "type")]
    #[schema(schema_with = crate::fields::type_slug)]
    pub type_slug: String,
    /// The value, for single-valued types.
    #[serde(default)]
    pub value: Option<f64>,
    /// Component values for multi-valued types, e.g. `{"systolic": 128, "diastolic": 82}`.
    #[serde(default)]
    pub components: Option<BTreeMap<String, f64>>,
    /// Unit of the values (UCUM or a common spelling such as `lb`, `°F`, `mmol/L`); default
    /// the type's canonical unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// When it was taken: RFC 3339 with a UTC offset. Stored in UTC; the offset is kept.
    #[schema(format = DateTime)]
    pub taken_at: String,
    /// How it was captured (default `manual`).
    #[serde(default)]
    pub source: Option<Source>,
    /// Your id for this reading: sending it again returns the stored reading instead of a
    /// duplicate, so retries are safe.
    #[serde(default)]
    #[schema(schema_with = crate::fields::client_id)]
    pub client_id: Option<String>,
    /// A short note (≤ 500 characters).
    #[serde(default)]
    #[schema(schema_with = crate::fields::note)]
    pub note: Option<String>,
    /// When a blood glucose reading was taken relative to meals (blood glucose only).
    #[serde(default)]
    pub context: Option<ReadingContext>,
    /// Store the reading even though it is far from your recent readings of the type (the
    /// answer without it is 422 `unusual_value`, which names the recent typical value).
    #[serde(default)]
    pub confirm_unusual: Option<bool>,
}

impl MeasurementRequest {
    /// As domain input.
    pub fn input(&self) -> MeasurementInput {
        MeasurementInput {
            type_slug: self.type_slug.clone(),
            value: self.value,
            components: self.components.clone(),
            unit: self.unit.clone(),
            taken_at: self.taken_at.clone(),
            source: self.source,
            client_id: self.client_id.clone(),
            note: self.note.clone(),
            context: self.context,
            confirm_unusual: self.confirm_unusual.unwrap_or(false),
        }
    }
}

/// A stored reading.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementResponse {
    /// Id.
    pub id: String,
    /// Type slug.
    #[serde(rename = "type")]
    pub type_slug: String,
    /// The value (single-valued types).
    pub value: Option<f64>,
    /// The component values (multi-valued types).
    pub components: Option<BTreeMap<String, f64>>,
    /// Canonical unit of the values.
    pub unit: String,
    /// When taken, UTC.
    pub taken_at: DateTime<Utc>,
    /// When taken, in the member's own offset at the time (for display).
    pub taken_at_local: String,
    /// How it was captured.
    pub source: Source,
    /// The client id it was sent with.
    pub client_id: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Meal context (blood glucose readings that have one).
    pub context: Option<ReadingContext>,
    /// Stored at.
    pub created_at: DateTime<Utc>,
    /// Last edited at (equals `created_at` when never edited).
    pub updated_at: DateTime<Utc>,
}

/// Turns a row into its response, naming components from the type definition.
pub fn respond(
    m: &Measurement,
    types: &[MeasurementTypeDef],
) -> Result<MeasurementResponse, kindred_db::DbError> {
    let def = kindred_domain::measurement::find_type(types, &m.type_slug);
    let (value, components) = kindred_app::measurements::values_of(m, def);
    Ok(MeasurementResponse {
        id: m.id.clone(),
        type_slug: m.type_slug.clone(),
        value,
        components,
        unit: m.unit.clone(),
        taken_at: m.taken_at.and_utc(),
        taken_at_local: kindred_app::measurements::local_time(m),
        source: m.source()?,
        client_id: m.client_id.clone(),
        note: m.note.clone(),
        context: m.context()?,
        created_at: m.created_at.and_utc(),
        updated_at: m.updated_at.and_utc(),
    })
}
