//! `AppError`: what went wrong, in domain terms. The HTTP layer maps each variant to a status
//! (`kindred_api::ApiError: From<AppError>`), in one place.

use kindred_db::DbError;
use kindred_domain::{FieldError, FieldErrors};

/// Every failure a use case can report.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such thing, or not the caller's to see (the two are never told apart).
    #[error("not found")]
    NotFound,
    /// The caller may see the thing but not do this.
    #[error("{detail}")]
    Forbidden {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// The actor is banned from the community they try to write in.
    #[error("banned: {reason}")]
    Banned {
        /// The moderator's reason.
        reason: String,
        /// When the ban ends (`None`: for good).
        expires_at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// A post holds what could identify a person; it is published only when the author
    /// confirms.
    #[error("privacy check: {} findings", .0.len())]
    PrivacyCheck(Vec<kindred_domain::forum::PlacedFinding>),
    /// The request conflicts with the current state.
    #[error("{detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// Some input fields are invalid.
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    /// Too many attempts; retry after this many seconds.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until a retry may succeed.
        retry_after: u64,
        /// Explanation.
        detail: String,
    },
    /// A dependency (the database) is unavailable for now.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure (logged, never shown).
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl AppError {
    /// An internal error from anything.
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(e.into())
    }
}

/// 422 `invalid_cursor`: a `?cursor=` that is not ours, or not of this list.
pub fn invalid_cursor() -> AppError {
    FieldError::new("cursor", "invalid_cursor", "Use next_cursor from the previous page.").into()
}

/// The (time, id) key a newest- or oldest-first list was cut at, read from `?cursor=`; one
/// that is not of this shape is 422 `invalid_cursor`.
pub fn time_id_cursor(
    cursor: Option<&kindred_db::page::Cursor>,
) -> Result<Option<(chrono::NaiveDateTime, String)>, AppError> {
    cursor.map(|c| c.as_time_id().ok_or_else(invalid_cursor)).transpose()
}

/// What a violated unique constraint means: a 422 on the field that must be unique, or a
/// conflict. The one place constraint names are known above the database; an unknown one is
/// an internal error whose name goes to the log, never to the client.
pub fn unique_violation(constraint: &str) -> AppError {
    let taken = |field: &str, what: &str| {
        AppError::Validation(
            FieldError::new(
                field,
                "taken",
                format!("{what} with this {field} exists; choose another."),
            )
            .into(),
        )
    };
    match constraint {
        "users_email_key" => taken("email", "An account"),
        "users_handle_lower_key" => AppError::Validation(kindred_domain::handle::taken().into()),
        "conditions_slug_key" => taken("slug", "A condition"),
        "questionnaires_slug_key" => taken("slug", "A questionnaire"),
        // The slug is the primary key: SQLite names the column, PostgreSQL the key.
        "measurement_types_slug_key" | "measurement_types_pkey" => {
            taken("slug", "A measurement type")
        }
        "communities_slug_key" => taken("slug", "A community"),
        "researcher_applications_user_id_key" => AppError::Conflict {
            code: "application_pending",
            detail: "You already have an application waiting for review.".into(),
        },
        "user_conditions_user_id_condition_id_key" => AppError::Conflict {
            code: "already_added",
            detail: "This condition is already on your list.".into(),
        },
        "questionnaire_versions_questionnaire_id_version_key" => AppError::Conflict {
            code: "version_exists",
            detail: "Another version was created at the same moment; retry.".into(),
        },
        "measurements_user_id_client_id_key" | "responses_user_id_client_id_key" => {
            AppError::Conflict {
                code: "client_id_race",
                detail: "A concurrent request stored the same client_id; retry.".into(),
            }
        }
        other => AppError::Internal(anyhow::anyhow!("unmapped unique constraint {other}")),
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Unavailable(why) => AppError::Unavailable(why),
            DbError::UniqueViolation { constraint } => unique_violation(&constraint),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_constraints_name_their_field_and_unknown_ones_are_internal() {
        let e = unique_violation("users_handle_lower_key");
        assert!(matches!(&e, AppError::Validation(f) if f.0[0].field == "handle"));
        assert!(matches!(unique_violation("conditions_slug_key"), AppError::Validation(_)));
        assert!(matches!(unique_violation("x_secret_col_key"), AppError::Internal(_)));
    }
}
