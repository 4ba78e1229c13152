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
