//! A condition of the catalog.

use kindred_db::models::condition::Condition;
use serde::Serialize;
use utoipa::ToSchema;

/// A condition in the catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionResponse {
    /// Id.
    pub id: String,
    /// URL-safe name, used in the API.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// ICD-10 code.
    pub icd10: String,
}

impl From<&Condition> for ConditionResponse {
    fn from(c: &Condition) -> Self {
        Self {
            id: c.id.clone(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            icd10: c.icd10.clone(),
        }
    }
}
