//! `outbox` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::outbox;

/// A queued email.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxEmail {
    /// Id.
    pub id: String,
    /// The member it concerns (erasure removes it).
    pub user_id: Option<String>,
    /// Recipient.
    pub to_address: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub body_text: String,
    /// HTML part.
    pub body_html: String,
    /// Queued at.
    pub created_at: NaiveDateTime,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// Next attempt not before.
    pub next_attempt_at: NaiveDateTime,
    /// Claimed by a sender until.
    pub locked_until: Option<NaiveDateTime>,
    /// Delivered at.
    pub sent_at: Option<NaiveDateTime>,
    /// Last delivery error.
    pub last_error: Option<String>,
    /// What kind of email (`verify_email`, `password_reset`, …): cooldowns count per kind.
    pub kind: String,
    /// Given up at: the transport can never deliver it (e.g. an address it refuses).
    pub failed_at: Option<NaiveDateTime>,
}
