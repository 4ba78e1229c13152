//! A mail transport that records messages for tests to read, and a reader for the `.eml`
//! files a `kindred` child process writes.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use kindred_app::mail::{MailTransport, OutgoingEmail};

/// Records every message it is asked to deliver.
#[derive(Default)]
pub struct RecordingMailer {
    sent: Mutex<Vec<OutgoingEmail>>,
}

impl MailTransport for RecordingMailer {
    fn send(&self, _from: &str, email: &OutgoingEmail) -> Result<(), String> {
        self.sent.lock().map_err(|e| e.to_string())?.push(email.clone());
        Ok(())
    }
}

impl RecordingMailer {
    /// Everything delivered so far.
    pub fn all(&self) -> Vec<OutgoingEmail> {
        self.sent.lock().unwrap().clone()
    }

    /// Messages to one address.
    pub fn to(&self, address: &str) -> Vec<OutgoingEmail> {
        self.all().into_iter().filter(|e| e.to == address).collect()
    }

    /// Waits (up to 10 s) until `count` messages to `address` whose subject contains
    /// `subject` were delivered; returns the newest.
    pub async fn wait_for_nth(&self, address: &str, subject: &str, count: usize) -> OutgoingEmail {
        for _ in 0..200 {
            let found: Vec<_> =
                self.to(address).into_iter().filter(|e| e.subject.contains(subject)).collect();
            if found.len() >= count {
                return found[found.len() - 1].clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no email {subject:?} #{count} to {address}; got {:?}",
            self.all().iter().map(|e| (&e.to, &e.subject)).collect::<Vec<_>>()
        );
    }

    /// Waits for the first such message.
    pub async fn wait_for(&self, address: &str, subject: &str) -> OutgoingEmail {
        self.wait_for_nth(address, subject, 1).await
    }
}

/// The first link in a message's text part that contains `path`, and its `token` parameter.
pub fn link_with_token(email: &OutgoingEmail, path: &str) -> (String, String) {
    let link = email
        .text
        .lines()
        .find(|l| l.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {:?}", email.text))
        .trim()
        .to_string();
    let url = url::Url::parse(&link).unwrap();
    let token = url.query_pairs().find(|(k, _)| k == "token").map(|(_, v)| v.to_string()).unwrap();
    (link, token)
}

/// The messages a `kindred` child process wrote to `outbox` (its default transport: one `.eml`
/// file per message, named `<kind>-<uuid>.eml`), addressed to `to`, of kind `kind`.
pub fn eml_messages(outbox: &Path, to: &str, kind: &str) -> Vec<OutgoingEmail> {
    let Ok(entries) = std::fs::read_dir(outbox) else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{kind}-")))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|raw| parse_eml(&raw, kind))
        .filter(|m| m.to == to)
        .collect()
}

/// Waits (up to 10 s) for the first message [`eml_messages`] finds.
pub async fn wait_for_eml(outbox: &Path, to: &str, kind: &str) -> OutgoingEmail {
    for _ in 0..200 {
        if let Some(m) = eml_messages(outbox, to, kind).into_iter().next() {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {kind} email to {to} in {}", outbox.display());
}

/// Reads an `.eml` file as the mailer writes it: the `To` address, the raw `Subject` and the
/// `text/plain` part, decoded (quoted-printable, base64 or as is). The HTML part is left out.
pub fn parse_eml(raw: &str, kind: &str) -> OutgoingEmail {
    let raw = raw.replace("\r\n", "\n");
    let (head, _) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    let to = header("to");
    let to = to.rsplit_once('<').map_or(to.as_str(), |(_, a)| a.trim_end_matches('>')).to_string();
    OutgoingEmail {
        to,
        subject: header("subject"),
        text: text_part(&raw),
        html: String::new(),
        kind: kind.to_string(),
    }
}

/// The decoded `text/plain` part of a message (LF line ends).
fn text_part(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let Some(start) = lower.find("content-type: text/plain") else { return String::new() };
    let Some(body_at) = lower[start..].find("\n\n").map(|i| start + i + 2) else {
        return String::new();
    };
    let part_head = &lower[start..body_at];
    let end = raw[body_at..].find("\n--").map_or(raw.len(), |i| body_at + i);
    let body = &raw[body_at..end];
    if part_head.contains("content-transfer-encoding: quoted-printable") {
        decode_quoted_printable(body)
    } else if part_head.contains("content-transfer-encoding: base64") {
        use base64::Engine;
        let compact: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD.decode(compact).unwrap();
        String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
    } else {
        body.to_string()
    }
}

/// Quoted-printable to text: soft line breaks removed, `=XX` bytes decoded as UTF-8.
fn decode_quoted_printable(s: &str) -> String {
    let joined = s.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let byte = hex.and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match byte {
            Some(b) if bytes[i] == b'=' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}
