//! Communities, threads, posts and moderation (DESIGN §6.2, §6.3): the states they move
//! through, the limits on what members write, and the rules for who sees an author.

use crate::FieldError;

text_enum! {
    /// Who may read a community's threads.
    CommunityVisibility {
        /// Its members only (the default): to anyone else the content does not exist.
        Members = "members",
        /// Any signed-in member of Kindred.
        Public = "public",
    }
}

text_enum! {
    /// Where a thread or post stands.
    ContentStatus {
        /// Visible to whoever may read the community.
        Published = "published",
        /// A new member's first post, waiting for a moderator's approval.
        Held = "held",
        /// Removed by a moderator (a placeholder shows to members; moderators see it).
        Removed = "removed",
        /// Deleted by its author (a placeholder shows).
        Deleted = "deleted",
        /// A held first post a moderator did not approve.
        Rejected = "rejected",
    }
}

text_enum! {
    /// Why a member reports a post or thread.
    ReportCategory {
        /// Spam or advertising.
        Spam = "spam",
        /// Harassment or abuse.
        Harassment = "harassment",
        /// Medical misinformation.
        Misinformation = "misinformation",
        /// A testimonial or product promotion.
        Promotion = "promotion",
        /// Someone may harm themselves (top of the queue).
        SelfHarm = "self_harm",
        /// Someone's identity or health is disclosed.
        Privacy = "privacy",
        /// Anything else (say what in the details).
        Other = "other",
    }
}

impl ReportCategory {
    /// Queue order: self-harm concerns first (0), everything else after (1).
    pub fn priority(self) -> i32 {
        if self == ReportCategory::SelfHarm {
            0
        } else {
            1
        }
    }
}

text_enum! {
    /// Where a report stands.
    ReportStatus {
        /// Waiting for a moderator.
        Open = "open",
        /// A moderator looked and left the content up.
        Dismissed = "dismissed",
        /// A moderator acted on it (the content was removed).
        Actioned = "actioned",
    }
}

text_enum! {
    /// What a moderator (or the system) did; one row of the moderation log each.
    ModActionKind {
        /// A report was dismissed.
        ReportDismissed = "report_dismissed",
        /// A post was removed.
        PostRemoved = "post_removed",
        /// A removed post was restored.
        PostRestored = "post_restored",
        /// A thread was removed.
        ThreadRemoved = "thread_removed",
        /// A removed thread was restored.
        ThreadRestored = "thread_restored",
        /// A thread was locked (no new posts).
        ThreadLocked = "thread_locked",
        /// A thread was unlocked.
        ThreadUnlocked = "thread_unlocked",
        /// A thread was pinned to the top.
        ThreadPinned = "thread_pinned",
        /// A thread was unpinned.
        ThreadUnpinned = "thread_unpinned",
        /// A new member's held post was approved.
        PostApproved = "post_approved",
        /// A new member's held post was rejected.
        PostRejected = "post_rejected",
        /// A member was warned.
        MemberWarned = "member_warned",
        /// A member was banned from the community.
        MemberBanned = "member_banned",
        /// A ban was lifted.
        MemberUnbanned = "member_unbanned",
        /// An appeal was resolved in the member's favour and the action reversed.
        AppealReversed = "appeal_reversed",
        /// An appeal was resolved and the action upheld.
        AppealUpheld = "appeal_upheld",
    }
}

impl ModActionKind {
    /// Whether the affected member may appeal this action (once).
    pub fn appealable(self) -> bool {
        matches!(
            self,
            ModActionKind::PostRemoved
                | ModActionKind::ThreadRemoved
                | ModActionKind::MemberWarned
                | ModActionKind::MemberBanned
                | ModActionKind::PostRejected
        )
    }
}

text_enum! {
    /// Where an appeal stands.
    AppealStatus {
        /// Waiting for an admin or another moderator.
        Open = "open",
        /// The action stands.
        Upheld = "upheld",
        /// The action was reversed.
        Reversed = "reversed",
    }
}

/// Longest thread title, in characters.
pub const MAX_TITLE: usize = 200;
/// Longest post body, in characters.
pub const MAX_BODY: usize = 20_000;
/// Longest moderator reason, report details or appeal statement, in characters.
pub const MAX_REASON: usize = 2_000;
/// Longest search query, in characters.
pub const MAX_QUERY: usize = 200;

fn bounded(field: &str, s: &str, max: usize, what: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "required", format!("Write {what}.")));
    }
    if t.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("At most {max} characters.")));
    }
    if t.contains('\0') {
        return Err(FieldError::new(field, "invalid_character", "Remove the NUL character."));
    }
    Ok(t.to_string())
}

/// A thread title: 1–200 characters after trimming, on one line.
pub fn parse_title(s: &str) -> Result<String, FieldError> {
    let t = bounded("title", s, MAX_TITLE, "a title")?;
    if t.contains(['\n', '\r']) {
        return Err(FieldError::new("title", "multiline", "Keep the title on one line."));
    }
    Ok(t)
}

/// A post body (Markdown, stored raw): 1–20,000 characters after trimming.
pub fn parse_body(s: &str) -> Result<String, FieldError> {
    bounded("body", s, MAX_BODY, "something")
}

/// A moderator's reason (mandatory on every action, shown to the member): 1–2,000 characters.
pub fn parse_reason(field: &str, s: &str) -> Result<String, FieldError> {
    bounded(field, s, MAX_REASON, "a reason")
}

/// Optional free text (report details): at most 2,000 characters, may be empty.
pub fn parse_details(field: &str, s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.chars().count() > MAX_REASON {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("At most {MAX_REASON} characters."),
        ));
    }
    if t.contains('\0') {
        return Err(FieldError::new(field, "invalid_character", "Remove the NUL character."));
    }
    Ok(t.to_string())
}

/// Text as the search index stores and matches it: lower case, without diacritics (é → e,
/// ß → ss), so both backends find "cafe" in "Café".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        for l in ch.to_lowercase() {
            match fold_char(l) {
                Some(r) => out.push_str(r),
                None => out.push(l),
            }
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The words of a search query, folded, without punctuation; empty when the query has no
/// word at all (only punctuation or spaces). At most 12 words are kept.
pub fn query_terms(q: &str) -> Vec<String> {
    fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_string)
        .collect()
}

/// An excerpt of a search hit with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Up to about 200 characters around the first match ("…" where cut).
    pub text: String,
    /// Matched words, as character ranges `[start, end)` into `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// The excerpt of `text` around the first word whose folded form is one of `terms`.
pub fn snippet(text: &str, terms: &[String]) -> Snippet {
    const BEFORE: usize = 60;
    const LEN: usize = 200;
    let chars: Vec<char> = text.chars().collect();
    // Words as char ranges.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in chars.iter().enumerate() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, chars.len()));
    }
    let matches: Vec<(usize, usize)> = words
        .into_iter()
        .filter(|(a, b)| {
            let w: String = chars[*a..*b].iter().collect();
            terms.iter().any(|t| *t == fold(&w))
        })
        .collect();
    let first = matches.first().map(|m| m.0).unwrap_or(0);
    let mut from = first.saturating_sub(BEFORE);
    // Start at a word boundary.
    while from > 0 && from < first && chars[from - 1].is_alphanumeric() {
        from += 1;
    }
    let to = (from + LEN).min(chars.len());
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let body: String = chars[from..to].iter().collect::<String>().replace(['\n', '\r'], " ");
    let shift = lead.chars().count();
    Snippet {
        text: format!("{lead}{body}{tail}"),
        highlights: matches
            .into_iter()
            .filter(|(a, b)| *a >= from && *b <= to)
            .map(|(a, b)| (a - from + shift, b - from + shift))
            .collect(),
    }
}

/// One privacy-check finding, placed in the field it was found in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacedFinding {
    /// `title` or `body`.
    pub field: String,
    /// What was found.
    pub kind: crate::community::privacy_check::FindingKind,
    /// First character (counted in Unicode characters from 0).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text found.
    pub text: String,
}

/// What in a post's title (a thread's first post) and body could identify a person.
pub fn privacy_findings(title: Option<&str>, body: &str) -> Vec<PlacedFinding> {
    fn place(field: &str, text: &str) -> Vec<PlacedFinding> {
        crate::community::privacy_check::scan(text)
            .into_iter()
            .map(|f| PlacedFinding {
                field: field.to_string(),
                kind: f.kind,
                start: f.start,
                end: f.end,
                text: f.text,
            })
            .collect()
    }
    let mut out = title.map(|t| place("title", t)).unwrap_or_default();
    out.extend(place("body", body));
    out
}

/// Whether `viewer` sees who wrote a post: always for their own posts, for moderators of the
/// community and admins; for everyone else only when the post is not anonymous.
pub fn author_visible(anonymous: bool, own: bool, moderates: bool) -> bool {
    !anonymous || own || moderates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_bodies_are_bounded() {
        assert_eq!(parse_title("  Hello  ").as_deref(), Ok("Hello"));
        assert_eq!(parse_title("   ").map_err(|e| e.code), Err("required".to_string()));
        assert_eq!(parse_title(&"x".repeat(201)).map_err(|e| e.code), Err("too_long".into()));
        assert_eq!(parse_title("a\nb").map_err(|e| e.code), Err("multiline".into()));
        assert!(parse_body(&"é".repeat(MAX_BODY)).is_ok());
        assert_eq!(
            parse_body(&"é".repeat(MAX_BODY + 1)).map_err(|e| e.code),
            Err("too_long".into())
        );
        assert_eq!(parse_body("a\0b").map_err(|e| e.code), Err("invalid_character".into()));
        assert_eq!(parse_details("details", "").as_deref(), Ok(""));
        assert_eq!(parse_reason("reason", " ").map_err(|e| e.code), Err("required".into()));
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Café Crème ÉTÉ Straße"), "cafe creme ete strasse");
        assert_eq!(query_terms("  Crème-brûlée!! ??"), vec!["creme", "brulee"]);
        assert!(query_terms("?!... ---").is_empty());
        assert_eq!(query_terms(&"a ".repeat(50)).len(), 12);
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let terms = query_terms("fatigue");
        let s = snippet("Morning FATIGUE again; fatigué by noon.", &terms);
        assert_eq!(s.text, "Morning FATIGUE again; fatigué by noon.");
        assert_eq!(s.highlights, vec![(8, 15), (23, 30)]);
        let long = format!("{} needle {}", "word ".repeat(100), "more ".repeat(100));
        let s = snippet(&long, &query_terms("needle"));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        let (a, b) = s.highlights[0];
        assert_eq!(s.text.chars().skip(a).take(b - a).collect::<String>(), "needle");
        assert!(s.text.chars().count() <= 202);
    }

    #[test]
    fn self_harm_reports_come_first_and_appeals_cover_sanctions() {
        assert!(ReportCategory::SelfHarm.priority() < ReportCategory::Spam.priority());
        assert!(ModActionKind::MemberBanned.appealable());
        assert!(!ModActionKind::ThreadPinned.appealable());
        assert!(!ModActionKind::AppealReversed.appealable());
    }

    #[test]
    fn anonymous_authors_show_only_to_themselves_and_moderators() {
        assert!(author_visible(false, false, false));
        assert!(!author_visible(true, false, false));
        assert!(author_visible(true, true, false));
        assert!(author_visible(true, false, true));
    }
}
