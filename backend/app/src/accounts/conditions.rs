//! The conditions a member lives with (their own list; another member's entries are not
//! found).

use kindred_db::models::condition::{Condition, UserCondition};
use kindred_db::queries::{audit, conditions};
use kindred_db::DbConn;
use kindred_domain::account::ConditionStatus;
use kindred_domain::audit::Action;
use kindred_domain::FieldError;

use crate::authz::Owner;
use crate::AppError;

/// A condition to add, parsed.
pub struct AddCondition {
    /// The catalog slug.
    pub slug: String,
    /// The year of diagnosis, already checked.
    pub diagnosis_year: Option<i32>,
    /// Diagnosed, suspected, …
    pub status: ConditionStatus,
    /// Whether this is the member's main condition.
    pub primary: bool,
}

/// Adds a condition from the catalog to the owner's list (an unknown slug is refused on
/// `condition`; listing one twice is a conflict), audited.
pub fn add(
    c: &mut DbConn,
    owner: &Owner,
    a: &AddCondition,
) -> Result<(UserCondition, Condition), AppError> {
    kindred_db::write_tx(c, |c| {
        let cond = conditions::find_by_slug(c, a.slug.trim())?.ok_or_else(|| {
            FieldError::new("condition", "unknown_condition", "Choose a condition from the list.")
        })?;
        let uc = UserCondition {
            id: kindred_db::new_id(),
            user_id: owner.id().to_string(),
            condition_id: cond.id.clone(),
            diagnosis_year: a.diagnosis_year,
            status: a.status.as_str().into(),
            is_primary: a.primary,
            created_at: kindred_db::now_utc().naive_utc(),
        };
        conditions::add_for_user(c, &uc)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountConditionAdded, Some(owner.id()))
                .subject("user_condition", &uc.id),
        )?;
        Ok((uc, cond))
    })
}

/// The owner's conditions with their catalog entries.
pub fn list(c: &mut DbConn, owner: &Owner) -> Result<Vec<(UserCondition, Condition)>, AppError> {
    Ok(conditions::list_for_user(c, owner.id())?)
}

/// Removes an entry from the owner's list, audited; someone else's entry is not found.
pub fn remove(c: &mut DbConn, owner: &Owner, id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        if !conditions::remove_for_user(c, owner.id(), id)? {
            return Err(AppError::NotFound);
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountConditionRemoved, Some(owner.id()))
                .subject("user_condition", id),
        )?;
        Ok(())
    })
}
