//! At-home measurements (DESIGN §6.5): the units of work on a member's readings. Each takes an
//! [`Owner`] proof, so it can only ever touch the signed-in member's own rows.

mod cache;

pub use cache::{TypeCache, TYPES_TTL};

use kindred_db::models::measurement::{Measurement, MeasurementEdit};
use kindred_db::queries::{audit, measurements};
use kindred_db::DbConn;
use kindred_domain::audit::Action;

use crate::authz::Owner;
use crate::AppError;

/// One of the owner's readings with its edit history (oldest first); another member's
/// reading is not found.
pub fn get(
    c: &mut DbConn,
    owner: &Owner,
    id: &str,
) -> Result<(Measurement, Vec<MeasurementEdit>), AppError> {
    let m = measurements::find_for_user(c, owner.id(), id)?.ok_or(AppError::NotFound)?;
    let edits = measurements::edits(c, &m.id)?;
    Ok((m, edits))
}

/// Deletes one of the owner's readings and its edit history, and audits it; another
/// member's reading is not found.
pub fn delete(c: &mut DbConn, owner: &Owner, id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        if !measurements::delete_for_user(c, owner.id(), id)? {
            return Err(AppError::NotFound);
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AccountMeasurementDeleted, Some(owner.id()))
                .subject("measurement", id),
        )?;
        Ok(())
    })
}
