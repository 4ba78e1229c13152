//! Delivers the email outbox: claims due messages, sends them, and retries failures with
//! exponential backoff. A message queued in a committed transaction is never lost: it stays
//! in the table until a delivery succeeds.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use kindred_api::mail::sealed::open;
use kindred_api::mail::{MailTransport, OutgoingEmail};
use kindred_api::{ApiError, AppState};
use kindred_db::queries::outbox;
use tokio::sync::watch;

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
pub async fn run(
    state: AppState,
    transport: Arc<dyn MailTransport>,
    from: String,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        if *stop.borrow() {
            return;
        }
        match deliver_due(&state, &transport, &from).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "mail sender could not read the outbox"),
        }
        tokio::select! {
            changed = stop.changed() => if changed.is_err() { return },
            _ = state.mail_wakeup.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Delivers one batch; returns how many messages were attempted.
pub async fn deliver_due(
    state: &AppState,
    transport: &Arc<dyn MailTransport>,
    from: &str,
) -> Result<usize, ApiError> {
    let batch = state.tx(|c| Ok(outbox::claim_due(c, kindred_db::now_utc(), LEASE, 20)?)).await?;
    let n = batch.len();
    for row in batch {
        let secret = state.config.secret.clone();
        let opened = open(&secret, &row.body_text)
            .and_then(|text| Ok((text, open(&secret, &row.body_html)?)));
        let t = transport.clone();
        let f = from.to_string();
        let to = row.to_address;
        let subject = row.subject;
        let sent = match opened.and_then(|o| kindred_api::mail::deliverable(&to).map(|_| o)) {
            Ok((text, html)) => {
                let email = OutgoingEmail { to, subject, text, html, kind: row.kind.clone() };
                actix_web::web::block(move || t.send(&f, &email))
                    .await
                    .map_err(ApiError::internal)?
            }
            Err(e) => Err(e),
        };
        let id = row.id.clone();
        let attempt = row.attempts + 1;
        match sent {
            Ok(()) => {
                state.tx(move |c| Ok(outbox::mark_sent(c, &id, kindred_db::now_utc())?)).await?
            }
            Err(why) if why.starts_with(kindred_api::mail::PERMANENT) => {
                tracing::warn!(email_id = %row.id, attempt, error = %why, "email cannot be delivered; giving up");
                state
                    .tx(move |c| {
                        Ok(outbox::mark_undeliverable(c, &id, &why, kindred_db::now_utc())?)
                    })
                    .await?
            }
            Err(why) => {
                tracing::warn!(email_id = %row.id, attempt, error = %why, "email delivery failed; will retry");
                let retry_at = kindred_db::now_utc() + backoff(attempt);
                state.tx(move |c| Ok(outbox::mark_failed(c, &id, &why, retry_at)?)).await?
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
