//! `conditions` and `user_conditions` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{conditions, user_conditions};

/// A condition in the catalog.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = conditions)]
pub struct Condition {
    /// Id.
    pub id: String,
    /// URL-safe name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// ICD-10 code.
    pub icd10: String,
    /// Added.
    pub created_at: NaiveDateTime,
}

/// One of a member's conditions.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = user_conditions)]
pub struct UserCondition {
    /// Id.
    pub id: String,
    /// Member.
    pub user_id: String,
    /// Condition.
    pub condition_id: String,
    /// Year diagnosed.
    pub diagnosis_year: Option<i32>,
    /// `active` | `in_remission` | `resolved`.
    pub status: String,
    /// The member's primary condition.
    pub is_primary: bool,
    /// Added.
    pub created_at: NaiveDateTime,
}

impl UserCondition {
    /// Where the member is with this condition.
    pub fn status(&self) -> Result<kindred_domain::account::ConditionStatus, crate::DbError> {
        use kindred_domain::account::ConditionStatus;
        crate::error::typed(
            ConditionStatus::parse,
            "user_conditions",
            &self.id,
            "status",
            &self.status,
        )
    }
}
