//! Rows of the research area: researcher applications so far.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use kindred_domain::research::ApplicationStatus;

use crate::error::typed;
use crate::schema::researcher_applications;
use crate::DbError;

/// An application to become a researcher.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = researcher_applications)]
pub struct ResearcherApplication {
    /// Id.
    pub id: String,
    /// The applicant.
    pub user_id: String,
    /// Their institution.
    pub institution: String,
    /// Their position there.
    pub title: String,
    /// An address at the institution.
    pub institutional_email: String,
    /// What they research and why they need the data.
    pub statement: String,
    /// ORCID iD, canonical form.
    pub orcid: Option<String>,
    /// See [`ApplicationStatus`].
    pub status: String,
    /// The admin's reason (rejections).
    pub reason: Option<String>,
    /// The deciding admin.
    pub decided_by: Option<String>,
    /// When decided.
    pub decided_at: Option<NaiveDateTime>,
    /// Filed.
    pub created_at: NaiveDateTime,
}

impl ResearcherApplication {
    /// Where it stands.
    pub fn status(&self) -> Result<ApplicationStatus, DbError> {
        typed(ApplicationStatus::parse, "researcher_applications", &self.id, "status", &self.status)
    }
}
