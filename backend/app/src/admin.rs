//! Administration (DESIGN §1, admins): suspending and restoring accounts, the conditions
//! catalog. Every use case takes the [`Admin`] proof and audits what it did.

use kindred_db::models::condition::Condition;
use kindred_db::queries::{audit, conditions, sessions, users};
use kindred_db::DbConn;
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;

use crate::authz::Admin;
use crate::AppError;

/// Suspends an account: its sessions end at once and sign-in is refused with the reason. An
/// erased account is not found; an admin cannot suspend themselves.
pub fn suspend(c: &mut DbConn, admin: &Admin, user_id: &str, reason: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let u = users::find(c, user_id)?.ok_or(AppError::NotFound)?;
        if u.status()? == AccountStatus::Deleted {
            return Err(AppError::NotFound);
        }
        if u.id == admin.id() {
            return Err(AppError::Conflict {
                code: "cannot_suspend_self",
                detail: "You cannot suspend your own account.".into(),
            });
        }
        users::set_status(c, &u.id, AccountStatus::Suspended, Some(reason))?;
        sessions::revoke_all(c, &u.id, None, "suspended", kindred_db::now_utc())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminUserSuspended, Some(admin.id()))
                .subject("user", &u.id)
                .details(serde_json::json!({ "reason": reason })),
        )?;
        Ok(())
    })
}

/// Lifts a suspension (with a reason, audited); an account that is not suspended is not
/// found.
pub fn unsuspend(
    c: &mut DbConn,
    admin: &Admin,
    user_id: &str,
    reason: &str,
) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let u = users::find(c, user_id)?.ok_or(AppError::NotFound)?;
        if u.status()? != AccountStatus::Suspended {
            return Err(AppError::NotFound);
        }
        users::set_status(c, &u.id, AccountStatus::Active, None)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminUserUnsuspended, Some(admin.id()))
                .subject("user", &u.id)
                .details(serde_json::json!({ "reason": reason })),
        )?;
        Ok(())
    })
}

/// Adds a condition to the catalog (its fields already parsed), audited.
pub fn create_condition(c: &mut DbConn, admin: &Admin, cond: &Condition) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        conditions::insert(c, cond)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminConditionCreated, Some(admin.id()))
                .subject("condition", &cond.id),
        )?;
        Ok(())
    })
}

pub use kindred_db::queries::conditions::Suggestions;

/// What is suggested to a member who lists a condition; an unknown condition is not found.
pub fn condition_suggestions(c: &mut DbConn, slug: &str) -> Result<Suggestions, AppError> {
    let cond = conditions::find_by_slug(c, slug)?.ok_or(AppError::NotFound)?;
    Ok(conditions::suggestions(c, &cond.id)?)
}

/// Replaces what is suggested for a condition (admins), audited: each measurement type must be
/// in the catalog and each questionnaire must exist (422 naming the item otherwise).
pub fn set_condition_suggestions(
    c: &mut DbConn,
    admin: &Admin,
    types: &crate::measurements::TypeCache,
    slug: &str,
    type_slugs: &[String],
    questionnaire_slugs: &[String],
) -> Result<Suggestions, AppError> {
    use kindred_domain::{FieldError, FieldErrors};
    let cond = conditions::find_by_slug(c, slug)?.ok_or(AppError::NotFound)?;
    let defs = types.get(c)?;
    let mut errs = FieldErrors::new();
    for (i, t) in type_slugs.iter().enumerate() {
        if kindred_domain::measurement::find_type(&defs, t).is_none() {
            errs.push(FieldError::new(
                format!("measurement_types[{i}]"),
                "unknown_type",
                format!("There is no measurement type {t:?}."),
            ));
        }
    }
    let mut ids = Vec::new();
    for (i, q) in questionnaire_slugs.iter().enumerate() {
        match kindred_db::queries::questionnaires::find_by_slug(c, q)? {
            Some(found) => ids.push(found.id),
            None => errs.push(FieldError::new(
                format!("questionnaires[{i}]"),
                "unknown_questionnaire",
                format!("There is no questionnaire {q:?}."),
            )),
        }
    }
    errs.into_result(())?;
    let mut type_slugs = type_slugs.to_vec();
    type_slugs.sort();
    type_slugs.dedup();
    ids.sort();
    ids.dedup();
    kindred_db::write_tx(c, |c| {
        conditions::set_suggestions(c, &cond.id, &type_slugs, &ids)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminConditionSuggestionsUpdated, Some(admin.id()))
                .subject("condition", &cond.id),
        )?;
        Ok::<_, AppError>(())
    })?;
    Ok(conditions::suggestions(c, &cond.id)?)
}
