//! The owner's profile: changing it, exporting everything, erasing the account.

use kindred_db::models::user::{User, UserChanges};
use kindred_db::queries::{audit, auth_failures, privacy, users};
use kindred_db::DbConn;
use kindred_domain::audit::Action;

use super::failure_key;
use crate::authz::Owner;
use crate::AppError;

/// Applies parsed profile changes; a new handle someone has or gave up within the hold period
/// is refused on `handle`. Returns the account as it now is.
pub fn update(c: &mut DbConn, owner: &Owner, changes: &UserChanges) -> Result<User, AppError> {
    kindred_db::write_tx(c, |c| {
        if let Some(key) = &changes.handle_lower {
            let hold = chrono::TimeDelta::days(kindred_domain::handle::HOLD_DAYS);
            if users::handle_retired_since(c, key, kindred_db::now_utc() - hold)? {
                return Err(kindred_domain::handle::taken().into());
            }
        }
        users::update(c, owner.id(), changes)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountProfileUpdated, Some(owner.id()))
                .subject("user", owner.id()),
        )?;
        super::me(c, owner)
    })
}

/// Erases the owner's account (the password already checked): personal data goes, the
/// handle is held, the sign-in backoff for the address is cleared, audited.
pub fn erase(c: &mut DbConn, owner: &Owner, email: Option<&str>) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        if let Some(email) = email {
            auth_failures::clear(c, &failure_key(email), None)?;
        }
        privacy::erase(c, owner.id(), kindred_db::now_utc())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountDeleted, Some(owner.id()))
                .subject("user", owner.id()),
        )?;
        Ok(())
    })
}

/// Records that the owner exported their data (in its own short transaction: the export
/// itself only reads, from a snapshot, and writes nothing).
pub fn exported(c: &mut DbConn, owner: &Owner) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountExported, Some(owner.id()))
                .subject("user", owner.id()),
        )?;
        Ok(())
    })
}
