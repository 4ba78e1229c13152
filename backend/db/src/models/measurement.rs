//! `measurements`, `measurement_edits` and `measurement_types` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{measurement_edits, measurement_types, measurements};

/// A reading.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = measurements)]
pub struct Measurement {
    /// Id.
    pub id: String,
    /// Owner.
    pub user_id: String,
    /// Type slug.
    pub type_slug: String,
    /// First (or only) component, canonical unit.
    pub value1: f64,
    /// Second component (diastolic), if the type has one.
    pub value2: Option<f64>,
    /// Canonical unit.
    pub unit: String,
    /// When taken (UTC).
    pub taken_at: NaiveDateTime,
    /// The member's UTC offset then, in minutes.
    pub utc_offset_minutes: i32,
    /// `manual` | `device` | `import`.
    pub source: String,
    /// Client id for idempotent retries.
    pub client_id: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Stored at.
    pub created_at: NaiveDateTime,
    /// Last edited at.
    pub updated_at: NaiveDateTime,
    /// Meal context (`fasting`, `before_meal`, `after_meal`, `bedtime`; blood glucose only).
    pub context: Option<String>,
}

/// The unit a member reads and enters a measurement type in.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::display_units)]
pub struct DisplayUnit {
    /// The member.
    pub user_id: String,
    /// Type slug.
    pub type_slug: String,
    /// UCUM unit (one of the type's accepted units).
    pub unit: String,
    /// Last chosen at.
    pub updated_at: NaiveDateTime,
}

/// A member's target range for a measurement type (canonical unit; `None` = open bound).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = crate::schema::measurement_targets, treat_none_as_null = true)]
pub struct TargetRow {
    /// The member.
    pub user_id: String,
    /// Type slug.
    pub type_slug: String,
    /// Lowest in-range value of the first component.
    pub low1: Option<f64>,
    /// Highest in-range value of the first component.
    pub high1: Option<f64>,
    /// Lowest in-range value of the second component.
    pub low2: Option<f64>,
    /// Highest in-range value of the second component.
    pub high2: Option<f64>,
    /// Last set at.
    pub updated_at: NaiveDateTime,
}

/// An Apple Health import.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::health_imports)]
pub struct HealthImport {
    /// Id (also the upload's file name).
    pub id: String,
    /// The member.
    pub user_id: String,
    /// `queued` | `running` | `done` | `failed`.
    pub state: String,
    /// Uncompressed size of `export.xml`.
    pub bytes_total: i64,
    /// How much of it has been read.
    pub bytes_done: i64,
    /// Readings found so far.
    pub readings: i64,
    /// Readings stored (new).
    pub imported: i64,
    /// Readings skipped: stored before (same record) or implausible.
    pub skipped: i64,
    /// Why it failed.
    pub error: Option<String>,
    /// Uploaded at.
    pub created_at: NaiveDateTime,
    /// Finished at.
    pub finished_at: Option<NaiveDateTime>,
}

/// A previous version of an edited reading.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = measurement_edits)]
pub struct MeasurementEdit {
    /// Id.
    pub id: String,
    /// The reading.
    pub measurement_id: String,
    /// Its owner.
    pub user_id: String,
    /// When it was edited.
    pub edited_at: NaiveDateTime,
    /// The values before the edit (JSON).
    pub previous: String,
}

/// A measurement type row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = measurement_types)]
pub struct MeasurementTypeRow {
    /// Slug.
    pub slug: String,
    /// JSON definition.
    pub definition: String,
    /// Seeded by Kindred (vs added by an admin).
    pub builtin: bool,
    /// Added.
    pub created_at: NaiveDateTime,
}

impl Measurement {
    /// How the reading was captured.
    pub fn source(&self) -> Result<kindred_domain::measurement::Source, crate::DbError> {
        use kindred_domain::measurement::Source;
        crate::error::typed(Source::parse, "measurements", &self.id, "source", &self.source)
    }

    /// The row for a reading the domain checked, owned by `user_id`, with a new id.
    pub fn from_valid(user_id: &str, v: &kindred_domain::measurement::ValidMeasurement) -> Self {
        let now = crate::now_utc().naive_utc();
        Measurement {
            id: crate::new_id(),
            user_id: user_id.to_string(),
            type_slug: v.type_slug.clone(),
            value1: v.values.first().copied().unwrap_or_default(),
            value2: v.values.get(1).copied(),
            unit: v.unit.clone(),
            taken_at: crate::truncate_micros(v.taken_at).naive_utc(),
            utc_offset_minutes: v.utc_offset_minutes,
            source: v.source.as_str().to_string(),
            client_id: v.client_id.clone(),
            note: v.note.clone(),
            created_at: now,
            updated_at: now,
            context: v.context.map(|c| c.as_str().to_string()),
        }
    }

    /// The meal context, if any.
    pub fn context(
        &self,
    ) -> Result<Option<kindred_domain::measurement::ReadingContext>, crate::DbError> {
        use kindred_domain::measurement::ReadingContext;
        self.context
            .as_deref()
            .map(|c| {
                crate::error::typed(ReadingContext::parse, "measurements", &self.id, "context", c)
            })
            .transpose()
    }
}
