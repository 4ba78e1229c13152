//! What research looks like on the wire: researcher applications so far.

use chrono::{DateTime, Utc};
use kindred_db::models::research::ResearcherApplication;
use kindred_db::DbError;
use kindred_domain::research::ApplicationStatus;
use serde::Serialize;
use utoipa::ToSchema;

/// A researcher application.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResponse {
    /// Id.
    pub id: String,
    /// The applicant's user id.
    pub user_id: String,
    /// Institution.
    pub institution: String,
    /// Position there.
    pub title: String,
    /// An address at the institution.
    pub institutional_email: String,
    /// What they research and why they need the data.
    pub statement: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub status: ApplicationStatus,
    /// The reviewer's reason (rejections).
    pub reason: Option<String>,
    /// When decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Filed.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&ResearcherApplication> for ApplicationResponse {
    type Error = DbError;
    fn try_from(a: &ResearcherApplication) -> Result<Self, DbError> {
        Ok(Self {
            id: a.id.clone(),
            user_id: a.user_id.clone(),
            institution: a.institution.clone(),
            title: a.title.clone(),
            institutional_email: a.institutional_email.clone(),
            statement: a.statement.clone(),
            orcid: a.orcid.clone(),
            status: a.status()?,
            reason: a.reason.clone(),
            decided_at: a.decided_at.map(|t| t.and_utc()),
            created_at: a.created_at.and_utc(),
        })
    }
}
