//! Email: message templates and the transports the outbox sender delivers through.
//!
//! Handlers never send mail directly: they queue it in the `outbox` table inside their own
//! transaction (`kindred_db::queries::outbox::enqueue`), and the sender worker delivers it
//! with retries, so a committed email survives an SMTP outage or a restart.

pub mod sealed;
pub mod templates;

use std::path::PathBuf;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Transport;

/// A message ready to deliver.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
}

/// Somewhere email can be delivered. Implementations block; the worker calls them on the
/// blocking pool.
pub trait MailTransport: Send + Sync + 'static {
    /// Delivers one message or says why not.
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String>;
}

fn build(from: &str, email: &OutgoingEmail) -> Result<lettre::Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender address: {e}"))?;
    let to: Mailbox = email.to.parse().map_err(|e| format!("bad recipient address: {e}"))?;
    lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.text.clone()),
                )
                .singlepart(
                    SinglePart::builder().header(ContentType::TEXT_HTML).body(email.html.clone()),
                ),
        )
        .map_err(|e| format!("cannot build message: {e}"))
}

/// Writes one `.eml` file per message into a folder (the default: no mail server needed).
pub struct FileMailer {
    transport: lettre::FileTransport,
}

impl FileMailer {
    /// Writes into `dir` (created if missing).
    pub fn new(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { transport: lettre::FileTransport::new(dir) })
    }
}

impl MailTransport for FileMailer {
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String> {
        let msg = build(from, email)?;
        self.transport.send(&msg).map(|_| ()).map_err(|e| format!("cannot write email file: {e}"))
    }
}

/// Delivers over SMTP (`smtp://…?tls=required` STARTTLS, `smtps://…` TLS, plain `smtp://` for a
/// local catcher).
pub struct SmtpMailer {
    transport: lettre::SmtpTransport,
}

impl SmtpMailer {
    /// A transport for an SMTP URL.
    pub fn new(url: &str) -> Result<Self, String> {
        let transport = lettre::SmtpTransport::from_url(url)
            .map_err(|e| format!("invalid KINDRED_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        Ok(Self { transport })
    }
}

impl MailTransport for SmtpMailer {
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String> {
        let msg = build(from, email)?;
        self.transport.send(&msg).map(|_| ()).map_err(|e| format!("SMTP delivery failed: {e}"))
    }
}
