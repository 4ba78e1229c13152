//! In-app notifications (DESIGN §6.7): replies to my threads, moderation outcomes, appeal
//! outcomes. Written in the transaction of what caused them; never carry another member's
//! handle (an anonymous reply stays anonymous in the notice).

use kindred_db::models::forum::Notification;
use kindred_db::page::{self, Cursor};
use kindred_db::queries::moderation;
use kindred_db::DbConn;

use crate::authz::Owner;
use crate::AppError;

/// Adds a notification for `user_id` inside the caller's transaction.
pub fn notify(
    c: &mut DbConn,
    user_id: &str,
    kind: &str,
    text: &str,
    link: Option<&str>,
) -> Result<(), AppError> {
    moderation::notify(
        c,
        &Notification {
            id: kindred_db::new_id(),
            user_id: user_id.to_string(),
            kind: kind.to_string(),
            text: text.to_string(),
            link: link.map(str::to_string),
            read_at: None,
            created_at: kindred_db::now_utc().naive_utc(),
        },
    )?;
    Ok(())
}

/// A page of the owner's notifications, newest first, and how many are unread.
pub fn list(
    c: &mut DbConn,
    owner: &Owner,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<Notification>, Option<String>, i64), AppError> {
    let before = crate::error::time_id_cursor(cursor)?;
    let rows = moderation::notifications_of(c, owner.id(), before.as_ref(), limit + 1)?;
    let (rows, next) = page::cut(rows, limit, |n| Cursor::time_id(&n.created_at, &n.id));
    let unread = moderation::unread_count(c, owner.id())?;
    Ok((rows, next, unread))
}

/// Marks one of the owner's notifications read; someone else's is not found.
pub fn mark_read(c: &mut DbConn, owner: &Owner, id: &str) -> Result<(), AppError> {
    let now = kindred_db::now_utc().naive_utc();
    if !moderation::mark_notification_read(c, owner.id(), id, now)? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Marks all the owner's notifications read; returns how many were unread.
pub fn mark_all_read(c: &mut DbConn, owner: &Owner) -> Result<usize, AppError> {
    Ok(moderation::mark_all_read(c, owner.id(), kindred_db::now_utc().naive_utc())?)
}
