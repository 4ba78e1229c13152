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

/// Errors of [`MailTransport::send`] that start with this will never succeed on a retry (an
/// address the transport refuses, a permanent SMTP rejection): the sender gives up on them.
pub const PERMANENT: &str = "permanent: ";

/// Whether the mail library can send to `to`; the sender checks before every delivery, so an
/// address that slipped in (or was stored before today's rules) fails once, not for ever.
pub fn deliverable(to: &str) -> Result<(), String> {
    to.parse::<lettre::Address>().map(|_| ()).map_err(|e| format!("{PERMANENT}bad recipient address: {e}"))
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

#[cfg(test)]
mod tests {
    /// Every address the domain's parser accepts, the mail library can send to.
    #[test]
    fn the_domain_parser_accepts_only_what_the_mailer_can_send() {
        for raw in [
            "ann.lee+x@example.org",
            "o'brien@example.co.uk",
            "a_b-c@sub.example.org",
            "x@bücher.example",
            "İnfo@test.example",
            "info@İtest.example",
            "é@example.org",
        ] {
            if let Ok(e) = kindred_domain::Email::parse(raw) {
                assert!(super::deliverable(e.as_str()).is_ok(), "{raw} parsed but is unmailable");
            }
        }
        // What lower-casing `İnfo` gives: the mailer refuses it, so the parser must too.
        assert!(super::deliverable("i\u{307}nfo@test.example").is_err());
        assert!(kindred_domain::Email::parse("i\u{307}nfo@test.example").is_err());
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
        self.transport.send(&msg).map(|_| ()).map_err(|e| {
            let permanent = if e.is_permanent() { PERMANENT } else { "" };
            format!("{permanent}SMTP delivery failed: {e}")
        })
    }
}
