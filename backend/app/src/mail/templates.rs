//! The text of every email Kindred sends. Plain language; the HTML part says the same as the
//! text part, with any user-supplied text escaped.

/// Subject, text and HTML of one message.
pub struct Rendered {
    /// What kind of email this is (per-recipient cooldowns count per kind).
    pub kind: &'static str,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML.
    pub html: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn render(
    kind: &'static str,
    subject: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> Rendered {
    let mut text = String::new();
    let mut html = String::from(
        "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">",
    );
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    if let Some((label, url)) = link {
        text.push_str(&format!("{label}:\n{url}\n\n"));
        html.push_str(&format!("<p><a href=\"{}\">{}</a></p>", escape(url), escape(label)));
    }
    text.push_str("— Kindred\n");
    html.push_str("<p>— Kindred</p></body></html>");
    Rendered { kind, subject: subject.to_string(), text, html }
}

/// Sent after registration.
pub fn verify_email(handle: &str, link: &str) -> Rendered {
    render(
        "verify_email",
        "Confirm your email address for Kindred",
        &[
            &format!("Hello {handle},"),
            "Please confirm this is your email address by opening the link below. The link works once and expires in 24 hours.",
            "If you did not create a Kindred account, ignore this email.",
        ],
        Some(("Confirm my email address", link)),
    )
}

/// Sent to an existing account's owner when someone tries to register with their address.
pub fn registration_attempt(reset_link: &str) -> Rendered {
    render(
        "registration_attempt",
        "Someone tried to create a Kindred account with your email",
        &[
            "Someone tried to create a new Kindred account with this email address. You already have an account, so nothing was changed.",
            "If it was you and you forgot your password, you can reset it with the link below. If it was not you, you can ignore this email.",
        ],
        Some(("Reset my password", reset_link)),
    )
}

/// Sent on a password-reset request.
pub fn password_reset(link: &str) -> Rendered {
    render(
        "password_reset",
        "Reset your Kindred password",
        &[
            "We received a request to reset your password. Open the link below to choose a new one. The link works once and expires in 1 hour.",
            "If you did not ask for this, ignore this email: your password stays the same.",
        ],
        Some(("Choose a new password", link)),
    )
}

/// Sent after the password changed (reset or change).
pub fn password_changed() -> Rendered {
    render(
        "password_changed",
        "Your Kindred password was changed",
        &[
            "The password of your Kindred account was just changed, and every device was signed out.",
            "If this was not you, reset your password at once and contact us.",
        ],
        None,
    )
}

/// Sent to an account's owner when failed sign-ins make the backoff engage.
pub fn signin_backoff(sessions_link: &str, reset_link: &str) -> Rendered {
    render(
        "signin_backoff",
        "Several failed sign-ins to your Kindred account",
        &[
            "Someone entered a wrong password for your Kindred account several times. For a short while, sign-in attempts are slowed down; you can still sign in after a brief wait.",
            "If this was you, nothing needs doing. If not, your password still protects the account; consider changing it, and review where you are signed in.",
            &format!("Review your sessions: {sessions_link}"),
        ],
        Some(("Choose a new password", reset_link)),
    )
}

/// A moderation outcome or an appeal outcome (members who chose email notifications).
pub fn community_notice(text: &str, link: &str) -> Rendered {
    render(
        "community_notice",
        "A message from Kindred's moderators",
        &[text, "You can see it, and appeal a moderator's action once, in Kindred."],
        Some(("Open Kindred", link)),
    )
}

/// Confirms that a researcher application arrived.
pub fn research_application_received(link: &str) -> Rendered {
    render(
        "research_application",
        "We received your researcher application",
        &["Thank you for applying to use Kindred for research. An administrator will review your application; we will email you the outcome."],
        Some(("See your application", link)),
    )
}

/// A study invites the member. Says nothing of the study or of any condition: an inbox may be
/// read by someone else, and a study's title can reveal a diagnosis.
pub fn study_invitation(link: &str) -> Rendered {
    render(
        "study_invitation",
        "A research study on Kindred invites you",
        &["A research study approved on Kindred is looking for members like you. Sign in to read what it asks for and why; nothing is shared unless you say yes, category by category, and you can withdraw at any time."],
        Some(("Read the invitation", link)),
    )
}

/// The outcome of a researcher application.
pub fn research_application_decided(approved: bool, reason: Option<&str>, link: &str) -> Rendered {
    let outcome = if approved {
        "Your application was approved: you can now draft studies in Kindred.".to_string()
    } else {
        format!(
            "Your application was not approved. The reviewer's reason: {}",
            reason.unwrap_or("(none given)")
        )
    };
    render(
        "research_application",
        "Your researcher application was reviewed",
        &[&outcome],
        Some(("Open Kindred", link)),
    )
}

/// A study's owner learns the outcome of its review.
pub fn study_decided(title: &str, approved: bool, reason: Option<&str>, link: &str) -> Rendered {
    let outcome = if approved {
        format!("Your study \"{title}\" was approved: eligible members can now be invited.")
    } else {
        format!(
            "Your study \"{title}\" was not approved. The reviewer's reason: {}",
            reason.unwrap_or("(none given)")
        )
    };
    render("study_review", "Your study was reviewed", &[&outcome], Some(("Open the study", link)))
}

/// The kinds of email that carry a live sign-in token in their link.
pub const TOKEN_KINDS: &[&str] = &["verify_email", "password_reset"];

#[cfg(test)]
mod tests {
    #[test]
    fn user_text_is_escaped_in_html() {
        let r = super::verify_email("<script>", "https://x/verify-email?token=a&b");
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<script>"));
        assert!(r.text.contains("https://x/verify-email?token=a&b\n"));
    }
}
