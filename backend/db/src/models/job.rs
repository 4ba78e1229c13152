//! `jobs` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::jobs;

/// A queued unit of work.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
pub struct Job {
    /// Id (UUIDv7, or `recurring:<kind>` for the one row of a recurring kind).
    pub id: String,
    /// What to run: the key of its handler.
    pub kind: String,
    /// The handler's input, as JSON.
    pub payload: String,
    /// `queued` | `running` | `done` | `dead`: read it through [`Job::state`].
    pub state: String,
    /// Claims so far; a claim counts as an attempt whether or not it reports back.
    pub attempts: i32,
    /// Attempts before the job is dead.
    pub max_attempts: i32,
    /// Not claimed before this time.
    pub run_after: NaiveDateTime,
    /// While running: claimed until this time, after which another worker may retry it.
    pub lease_until: Option<NaiveDateTime>,
    /// The last failure (at most 500 characters).
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Done or dead at (for a recurring job: its last run).
    pub finished_at: Option<NaiveDateTime>,
}

impl Job {
    /// Where the job stands.
    pub fn state(&self) -> Result<kindred_domain::job::JobState, crate::DbError> {
        use kindred_domain::job::JobState;
        crate::error::typed(JobState::parse, "jobs", &self.id, "state", &self.state)
    }
}
