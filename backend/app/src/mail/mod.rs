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
    /// What kind of email (`verify_email`, `password_reset`, …).
    pub kind: String,
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
    to.parse::<lettre::Address>()
        .map(|_| ())
        .map_err(|e| format!("{PERMANENT}bad recipient address: {e}"))
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
///
/// The folder is readable by the server's user only (0700, files 0600): messages hold
/// sign-in links. Files of the kinds that carry a token (`templates::TOKEN_KINDS`) are
/// deleted once older than `token_retention` (the longest token lifetime, 24 hours), so a
/// link does not lie on disk after it can no longer be used.
pub struct FileMailer {
    dir: PathBuf,
    token_retention: std::time::Duration,
}

impl FileMailer {
    /// Writes into `dir` (created if missing, made private).
    pub fn new(dir: PathBuf) -> std::io::Result<Self> {
        Self::with_retention(dir, std::time::Duration::from_secs(24 * 3600))
    }

    /// Like [`FileMailer::new`] with another retention for token-bearing files.
    pub fn with_retention(
        dir: PathBuf,
        token_retention: std::time::Duration,
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        private_dir(&dir)?;
        let m = Self { dir, token_retention };
        m.sweep();
        Ok(m)
    }

    /// Deletes token-bearing files older than the retention.
    fn sweep(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let token_file =
                templates::TOKEN_KINDS.iter().any(|k| name.starts_with(&format!("{k}-")));
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= self.token_retention);
            if token_file && old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Makes a directory private to the server's user (0700).
pub fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

impl MailTransport for FileMailer {
    fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), String> {
        use std::io::Write;
        let msg = build(from, email)?;
        let kind: String =
            email.kind.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let path = self.dir.join(format!("{kind}-{}.eml", uuid::Uuid::new_v4()));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let write = || -> std::io::Result<()> {
            let mut f = opts.open(&path)?;
            f.write_all(&msg.formatted())?;
            f.sync_all()
        };
        write().map_err(|e| format!("cannot write email file: {e}"))?;
        self.sweep();
        Ok(())
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
            let permanent = if refused_for_good(&e) { PERMANENT } else { "" };
            format!("{permanent}SMTP delivery failed: {e}")
        })
    }
}

/// Whether an SMTP error condemns this message rather than this session: a permanent (5xx)
/// reply about the mail system — the mailbox, the message, its addresses (`5.5.z`, and `501`
/// for a malformed address). A permanent reply about the session — a refused login (`530`,
/// `534`, `535`, `538`), a server that takes no mail now (`521`) — says nothing about the
/// message: it is retried, so that a mistyped or rotated SMTP password does not make every
/// queued email undeliverable.
fn refused_for_good(e: &lettre::transport::smtp::Error) -> bool {
    e.is_permanent()
        && e.status().is_some_and(|code| {
            let code = code.to_string();
            code.as_bytes().get(1) == Some(&b'5') || code == "501"
        })
}
