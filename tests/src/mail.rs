//! A mail transport that records messages for tests to read.

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
