//! Delivers the email outbox: claims due messages, sends them, and retries failures with
//! exponential backoff. A message queued in a committed transaction is never lost: it stays
//! in the table until a delivery succeeds.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use kindred_app::mail::sealed::open;
use kindred_app::mail::{MailTransport, OutgoingEmail};
use kindred_app::AppError;
use kindred_db::queries::outbox;
use kindred_db::{DbConn, DbPool};
use tokio::sync::{watch, Notify};

/// What the sender needs: the database, the secret that opens sealed bodies, the signal that
/// new mail was queued, and where to deliver. Nothing of the HTTP layer's state.
#[derive(Clone)]
pub struct Sender {
    /// The database.
    pub pool: DbPool,
    /// Opens the sealed bodies (the server's token-signing secret).
    pub secret: Vec<u8>,
    /// Notified after a transaction queued mail.
    pub wakeup: Arc<Notify>,
    /// Where mail goes.
    pub transport: Arc<dyn MailTransport>,
    /// The sender address.
    pub from: String,
}

/// One write transaction on the blocking pool.
async fn tx<T, F>(pool: &DbPool, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || pool.run(|c| kindred_db::write_tx(c, f)))
        .await
        .map_err(AppError::internal)?
}

/// How long a claimed message is reserved for this sender.
const LEASE: TimeDelta = TimeDelta::seconds(60);
/// Poll interval when nothing wakes the sender.
const POLL: Duration = Duration::from_secs(2);

/// The delay before retry `attempt` (1-based): 5 s, 10 s, 20 s … capped at one hour.
pub fn backoff(attempt: i32) -> TimeDelta {
    let secs = 5i64.saturating_mul(1i64 << attempt.clamp(0, 20).saturating_sub(1));
    TimeDelta::seconds(secs.min(3600))
}

/// Delivers what is due, then sleeps until woken or the poll interval passes; returns once
/// `stop` turns true (or its sender is gone), never in the middle of a batch, so a message
/// that was sent is also recorded as sent before the process goes on to exit.
pub async fn run(sender: Sender, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        match deliver_due(&sender).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "mail sender could not read the outbox"),
        }
        tokio::select! {
            changed = stop.changed() => if changed.is_err() { return },
            _ = sender.wakeup.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Delivers one batch; returns how many messages were attempted.
pub async fn deliver_due(sender: &Sender) -> Result<usize, AppError> {
    let pool = &sender.pool;
    let batch = tx(pool, |c| Ok(outbox::claim_due(c, kindred_db::now_utc(), LEASE, 20)?)).await?;
    let n = batch.len();
    for row in batch {
        let secret = &sender.secret;
        let opened =
            open(secret, &row.body_text).and_then(|text| Ok((text, open(secret, &row.body_html)?)));
        let t = sender.transport.clone();
        let f = sender.from.clone();
        let to = row.to_address;
        let subject = row.subject;
        let sent = match opened.and_then(|o| kindred_app::mail::deliverable(&to).map(|_| o)) {
            Ok((text, html)) => {
                let email = OutgoingEmail { to, subject, text, html, kind: row.kind.clone() };
                tokio::task::spawn_blocking(move || t.send(&f, &email))
                    .await
                    .map_err(AppError::internal)?
            }
            Err(e) => Err(e),
        };
        let id = row.id.clone();
        let attempt = row.attempts + 1;
        match sent {
            Ok(()) => {
                tx(pool, move |c| Ok(outbox::mark_sent(c, &id, kindred_db::now_utc())?)).await?
            }
            Err(why) if why.starts_with(kindred_app::mail::PERMANENT) => {
                tracing::warn!(email_id = %row.id, attempt, error = %why, "email cannot be delivered; giving up");
                tx(pool, move |c| {
                    Ok(outbox::mark_undeliverable(c, &id, &why, kindred_db::now_utc())?)
                })
                .await?
            }
            Err(why) => {
                tracing::warn!(email_id = %row.id, attempt, error = %why, "email delivery failed; will retry");
                let retry_at = kindred_db::now_utc() + backoff(attempt);
                tx(pool, move |c| Ok(outbox::mark_failed(c, &id, &why, retry_at)?)).await?
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1).num_seconds(), 5);
        assert_eq!(backoff(2).num_seconds(), 10);
        assert_eq!(backoff(3).num_seconds(), 20);
        assert_eq!(backoff(30).num_seconds(), 3600);
    }
}
