//! The privacy check run before a post is published (DESIGN §6.2).
//!
//! Patients on health forums most often breach their own privacy. [`scan`] finds, in a post's
//! title or body, what could identify a person, so the author can be asked to confirm. It warns,
//! it does not block: the shapes are heuristics tuned to stay quiet on ordinary health talk
//! (doses, blood pressure, lab values, scores, years, times).
//!
//! What is a finding, by [`FindingKind`]:
//! - **Email**: `local@host.tld` (the top-level domain has at least two letters).
//! - **Phone**: 9–15 digits written with spaces, dots, dashes, parentheses and an optional
//!   leading `+`. Without `+` or parentheses, a number grouped only by spaces must start with
//!   `0` or be grouped 3-3-4 (or 1-3-3-4); a number grouped with dots has groups of two digits or
//!   more; a single digit is a group only at the start; separators are not mixed; and a run of
//!   four-digit years (`2019-2020-2021`) is not a phone. A bare run of 9–15 digits is a phone.
//!   A sequence of digit groups is judged whole: no part of a longer number is a phone.
//! - **StreetAddress**: a house number (`12`, `221B`, `12-14`) followed by capitalised name
//!   words ending in a street word (`221B Baker Street`, `1600 Pennsylvania Avenue`), or by a
//!   street word that comes first and a capitalised name (`12 rue de la Paix`, `3 Place
//!   Vendôme`); and the number-last forms `Hauptstraße 5`, `Hauptstr. 5`, `Calle Mayor, 5`,
//!   `Via Roma 12`. The name must be capitalised: `walked 2 miles down the road` is not an
//!   address. `Dr`/`St` followed by a capitalised word is a title (`3 May Dr Smith`), not a street.
//! - **DateOfBirth**: a full date — `12/03/1985`, `12.03.1985`, `12-03-85`, `1985-03-12`,
//!   `12 March 1985`, `12th of March, 1985`, `March 12, 1985`, `12. März 1985`, `12 mars 1985`,
//!   `12 de marzo de 1985` — that is either preceded, within 30 characters, by a birth cue
//!   ([`BIRTH_CUES`]: `born`, `birth`, `dob`, `né`, `geboren`…, but not `birth control`) or has a
//!   year in [`BIRTH_YEARS`] and stands in a paragraph that says "I was born". A full date without
//!   either (an appointment) and partial dates (`March 1985`, `1985`) are not findings.
//! - **NationalId**: a US SSN `123-45-6789` (with valid area, group and serial); a UK National
//!   Insurance number `AB 12 34 56 C` / `AB123456C` (valid prefix; the spaced form in capitals); a
//!   French NIR (15 digits starting with 1 or 2, optionally spaced, whose 2-digit key checks);
//!   and the number after a cue such as `member id`, `policy number`, `insurance number`,
//!   `medicare number` (5+ digits) or `NHS number` (exactly 10 digits). Other national numbers
//!   are out of scope (one may still be found as a phone number).
//! - **SocialProfile**: a profile URL, with or without scheme and `www.`: `facebook.com/<name>`
//!   (and `profile.php?id=<n>`), `instagram.com/<name>`, `twitter.com/<name>`, `x.com/<name>`,
//!   `tiktok.com/@<name>`, `linkedin.com/in/<name>`, `reddit.com/u/<name>` or `/user/<name>`,
//!   `youtube.com/@<name>`. A bare domain, and paths that are not a person
//!   (`facebook.com/groups/…`, `instagram.com/p/…`, `x.com/search`…), are not findings; the
//!   finding ends after the name.
//!
//! When two shapes overlap, the more specific wins, in the order social profile, email, national
//! id, date of birth, street address, phone; findings never overlap.

use std::ops::{Range, RangeInclusive};

use FindingKind::*;

crate::text_enum! {
    /// What kind of identifying detail a [`Finding`] is.
    FindingKind {
        /// An email address.
        Email = "email",
        /// A phone number.
        Phone = "phone",
        /// A street address with a house number.
        StreetAddress = "street_address",
        /// A full date next to words about birth.
        DateOfBirth = "date_of_birth",
        /// The shape of a national identity or insurance number.
        NationalId = "national_id",
        /// The URL of a personal social-media profile.
        SocialProfile = "social_profile",
    }
}

/// Something in a text that could identify a person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// Where it starts, in characters (Unicode scalar values, not bytes and not UTF-16 units)
    /// from the start of the scanned text.
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// The text found.
    pub text: String,
}

/// Words that, up to 30 characters before a full date, make it a date of birth.
pub const BIRTH_CUES: &[&str] = &[
    "born",
    "birth",
    "birthday",
    "birthdate",
    "dob",
    "d.o.b",
    "né",
    "née",
    "geboren",
    "geb.",
    "geburtsdatum",
    "geburtstag",
    "naissance",
    "nacido",
    "nacida",
    "nacimiento",
];

/// Years that make a full date a date of birth in a paragraph saying "I was born" (members are
/// adults or teenagers, so a later year is more likely an event than their birth).
pub const BIRTH_YEARS: RangeInclusive<u32> = 1900..=2015;

const CUE_WINDOW: usize = 30;

/// Findings in `text`, ordered by start; start/end are CHARACTER offsets (not bytes) into
/// `text`, end exclusive. Linear in the length of `text`.
pub fn scan(text: &str) -> Vec<Finding> {
    let t = Text::new(text);
    let mut found = Vec::new();
    social_profiles(&t, &mut found);
    emails(&t, &mut found);
    national_ids(&t, &mut found);
    dates_of_birth(&t, &mut found);
    street_addresses(&t, &mut found);
    phones(&t, &mut found);

    let rank = |k: FindingKind| match k {
        SocialProfile => 0,
        Email => 1,
        NationalId => 2,
        DateOfBirth => 3,
        StreetAddress => 4,
        Phone => 5,
    };
    found.sort_by_key(|&(k, s, _)| (rank(k), s));
    let mut taken = vec![false; t.len()];
    let mut out = Vec::new();
    for (kind, start, end) in found {
        if start >= end || end > t.len() || taken[start..end].contains(&true) {
            continue;
        }
        taken[start..end].fill(true);
        out.push(Finding { kind, start, end, text: t.c[start..end].iter().collect() });
    }
    out.sort_by_key(|f| f.start);
    out
}

type Span = (FindingKind, usize, usize);

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w == word)
}

/// An ASCII digit.
const DIGIT: u8 = 1;
/// A letter or digit of any script.
const ALNUM: u8 = 2;
/// A letter of any script.
const ALPHA: u8 = 4;
/// An upper-case letter.
const UPPER: u8 = 8;

/// The text as characters, lower-cased one character for one, classified, and where its words
/// start. The scanners try a shape only where a word starts, so a scan stays fast in debug builds.
struct Text {
    c: Vec<char>,
    l: Vec<char>,
    class: Vec<u8>,
    starts: Vec<usize>,
    /// Where `@` and `/` are.
    marks: Vec<usize>,
}

impl Text {
    fn new(s: &str) -> Text {
        let c: Vec<char> = s.chars().collect();
        let (mut l, mut class, mut starts) =
            (Vec::with_capacity(c.len()), Vec::with_capacity(c.len()), Vec::new());
        let (mut in_word, mut marks) = (false, Vec::new());
        for (i, &ch) in c.iter().enumerate() {
            let (lower, k) = match ch {
                '0'..='9' => (ch, DIGIT | ALNUM),
                'a'..='z' => (ch, ALNUM | ALPHA),
                'A'..='Z' => (ch.to_ascii_lowercase(), ALNUM | ALPHA | UPPER),
                '@' | '/' => {
                    marks.push(i);
                    (ch, 0)
                }
                _ if ch.is_ascii() => (ch, 0),
                _ if ch.is_alphabetic() => (
                    ch.to_lowercase().next().unwrap_or(ch),
                    ALNUM | ALPHA | if ch.is_uppercase() { UPPER } else { 0 },
                ),
                _ if ch.is_numeric() => (ch, ALNUM),
                _ => (ch, 0),
            };
            if k & ALNUM != 0 && !in_word {
                starts.push(i);
            }
            in_word = k & ALNUM != 0;
            l.push(lower);
            class.push(k);
        }
        Text { c, l, class, starts, marks }
    }
    fn len(&self) -> usize {
        self.c.len()
    }
    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }
    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|p| self.at(p))
    }
    fn is(&self, i: usize, class: u8) -> bool {
        match self.class.get(i) {
            Some(&k) => k & class != 0,
            None => false,
        }
    }
    fn is_digit(&self, i: usize) -> bool {
        self.is(i, DIGIT)
    }
    fn is_alnum(&self, i: usize) -> bool {
        self.is(i, ALNUM)
    }
    fn word_start(&self, i: usize) -> bool {
        i == 0 || !self.is(i - 1, ALNUM)
    }
    /// `s` (lower case) at `i`, ignoring case: where it ends.
    fn lit(&self, i: usize, s: &str) -> Option<usize> {
        let mut j = i;
        for ch in s.chars() {
            if self.l.get(j) != Some(&ch) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }
    /// The whole word `s` at `i`, ignoring case: where it ends.
    fn word(&self, i: usize, s: &str) -> Option<usize> {
        self.lit(i, s).filter(|&e| !self.is_alnum(e))
    }
    /// How many ASCII digits start at `i` (counting stops after 20).
    fn digits(&self, i: usize) -> usize {
        let mut j = i;
        while j - i <= 20 && self.is(j, DIGIT) {
            j += 1;
        }
        j - i
    }
    fn num(&self, i: usize, n: usize) -> u64 {
        let digits = self.c.get(i..i + n).unwrap_or(&[]);
        digits.iter().filter_map(|c| c.to_digit(10)).fold(0, |a, d| a * 10 + u64::from(d))
    }
    /// After one to three spaces at `i`.
    fn spaces(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j - i < 3 && matches!(self.at(j), Some(' ' | '\t' | '\u{a0}')) {
            j += 1;
        }
        (j > i).then_some(j)
    }
}

// ---- email ----

fn emails(t: &Text, out: &mut Vec<Span>) {
    let local = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let host = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-');
    for &at in t.marks.iter().filter(|&&i| t.c[i] == '@') {
        let mut s = at;
        while s > 0 && local(t.c[s - 1]) {
            s -= 1;
        }
        while s < at && t.c[s] == '.' {
            s += 1;
        }
        let mut e = at + 1;
        while e < t.len() && host(t.c[e]) {
            e += 1;
        }
        while e > at + 1 && matches!(t.c[e - 1], '.' | '-') {
            e -= 1;
        }
        let labels: Vec<&[char]> = t.c[at + 1..e].split(|&c| c == '.').collect();
        let labels_ok =
            labels.iter().all(|l| !l.is_empty() && l[0] != '-' && l[l.len() - 1] != '-');
        let tld_ok =
            labels.last().is_some_and(|l| l.len() >= 2 && l.iter().all(|c| c.is_alphabetic()));
        if s < at && labels.len() >= 2 && labels_ok && tld_ok {
            out.push((Email, s, e));
        }
    }
}

// ---- social-media profiles ----

struct Site {
    host: &'static str,
    path: &'static str,
    name: fn(char) -> bool,
    len: RangeInclusive<usize>,
    /// First path segments that are not a person (space-separated).
    not_people: &'static str,
}

fn handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_')
}
fn x_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
fn slug_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%' | '.')
}

const X_NOT_PEOPLE: &str = "home search explore hashtag i intent share settings login signup \
    notifications messages tos privacy compose about";

const SITES: &[Site] = &[
    Site {
        host: "facebook.com",
        path: "/profile.php?id=",
        name: |c| c.is_ascii_digit(),
        len: 5..=20,
        not_people: "",
    },
    Site {
        host: "facebook.com",
        path: "/",
        name: handle_char,
        len: 1..=50,
        not_people: "groups events pages page hashtag watch marketplace gaming help policies \
            privacy login login.php share sharer sharer.php photo.php story.php permalink.php \
            profile.php ads business legal messages notifications settings search fundraisers \
            reel reels stories home.php",
    },
    Site {
        host: "instagram.com",
        path: "/",
        name: handle_char,
        len: 1..=30,
        not_people: "p reel reels explore stories tv accounts direct about legal developer",
    },
    Site { host: "twitter.com", path: "/", name: x_char, len: 1..=15, not_people: X_NOT_PEOPLE },
    Site { host: "x.com", path: "/", name: x_char, len: 1..=15, not_people: X_NOT_PEOPLE },
    Site { host: "tiktok.com", path: "/@", name: handle_char, len: 2..=24, not_people: "" },
    Site { host: "linkedin.com", path: "/in/", name: slug_char, len: 3..=100, not_people: "" },
    Site { host: "reddit.com", path: "/u/", name: slug_char, len: 3..=20, not_people: "" },
    Site { host: "reddit.com", path: "/user/", name: slug_char, len: 3..=20, not_people: "" },
    Site { host: "youtube.com", path: "/@", name: slug_char, len: 3..=30, not_people: "" },
];

fn social_profiles(t: &Text, out: &mut Vec<Span>) {
    let mut from = 0;
    for &p in &t.marks {
        if t.c[p] == '/' && p >= from {
            if let Some(r) = profile_around(t, p) {
                out.push((SocialProfile, r.start, r.end));
                from = r.end;
            }
        }
    }
}

/// A profile URL whose host ends at the slash at `p`.
fn profile_around(t: &Text, p: usize) -> Option<Range<usize>> {
    // Where `prefix` (ASCII: its length is in characters too) starts if it ends at `s`.
    let before = |s: usize, prefix: &str| {
        let start = s.checked_sub(prefix.len())?;
        (t.lit(start, prefix) == Some(s)).then_some(start)
    };
    SITES.iter().find_map(|site| {
        let host = before(p, site.host)?;
        let k = t.lit(p, site.path)?;
        let mut e = k;
        while e <= k + site.len.end() && t.at(e).is_some_and(site.name) {
            e += 1;
        }
        // A name may hold dots, but a trailing one ends the sentence.
        while e > k && t.c[e - 1] == '.' {
            e -= 1;
        }
        let name: String = t.l[k..e].iter().collect();
        let is_person = site.len.contains(&(e - k))
            && name.chars().any(|c| c.is_ascii_alphanumeric())
            && !listed(site.not_people, &name);
        let s = ["www.", "m.", "mobile.", "old.", "new."]
            .iter()
            .find_map(|sub| before(host, sub))
            .unwrap_or(host);
        let s = before(s, "https://").or_else(|| before(s, "http://")).unwrap_or(s);
        let boundary =
            !t.prev(s).is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
        (is_person && boundary).then_some(s..e)
    })
}

// ---- national identity and insurance numbers ----

/// Cues before a member or insurance number, and whether it is an NHS number (10 digits).
const ID_CUES: &[(&str, bool)] = &[
    ("nhs number", true),
    ("nhs no", true),
    ("nhs num", true),
    ("member id", false),
    ("member number", false),
    ("member no", false),
    ("policy number", false),
    ("policy no", false),
    ("insurance number", false),
    ("insurance no", false),
    ("insurance id", false),
    ("medicare number", false),
    ("medicare no", false),
    ("medicaid number", false),
    ("subscriber id", false),
];

fn national_ids(t: &Text, out: &mut Vec<Span>) {
    let mut from = 0;
    for &i in &t.starts {
        if i < from {
            continue;
        }
        let found = if t.is_digit(i) {
            ssn_at(t, i).or_else(|| nir_at(t, i)).map(|e| i..e)
        } else if t.c[i].is_ascii_alphabetic() {
            nino_at(t, i).map(|e| i..e).or_else(|| cued_number_at(t, i))
        } else {
            None
        };
        if let Some(r) = found {
            out.push((NationalId, r.start, r.end));
            from = r.end;
        }
    }
}

/// `123-45-6789`, with an area other than 000, 666 and 9xx, a group other than 00 and a
/// serial other than 0000.
fn ssn_at(t: &Text, i: usize) -> Option<usize> {
    let shape = t.at(i + 3) == Some('-')
        && t.prev(i) != Some('-')
        && t.digits(i) == 3
        && t.digits(i + 4) == 2
        && t.at(i + 6) == Some('-')
        && t.digits(i + 7) == 4
        && !t.is_alnum(i + 11)
        && t.at(i + 11) != Some('-');
    if !shape {
        return None;
    }
    let (area, group, serial) = (t.num(i, 3), t.num(i + 4, 2), t.num(i + 7, 4));
    (area != 0 && area != 666 && area < 900 && group != 0 && serial != 0).then_some(i + 11)
}

/// A UK National Insurance number: `AB 12 34 56 C` (capitals) or `AB123456C` (one case).
fn nino_at(t: &Text, i: usize) -> Option<usize> {
    if !(t.is_digit(i + 2) || (t.at(i + 2) == Some(' ') && t.is_digit(i + 3))) {
        return None;
    }
    let (a, b) = (t.at(i)?, t.at(i + 1)?);
    let upper = a.is_ascii_uppercase() && b.is_ascii_uppercase();
    let lower = a.is_ascii_lowercase() && b.is_ascii_lowercase();
    let spaced = t.at(i + 2) == Some(' ');
    if !(upper || (lower && !spaced)) {
        return None;
    }
    let mut j = i + 2;
    for _ in 0..3 {
        if spaced {
            (t.at(j) == Some(' ')).then_some(())?;
            j += 1;
        }
        (t.is_digit(j) && t.is_digit(j + 1)).then_some(())?;
        j += 2;
    }
    if spaced {
        (t.at(j) == Some(' ')).then_some(())?;
        j += 1;
    }
    let (a, b, last) = (a.to_ascii_uppercase(), b.to_ascii_uppercase(), t.at(j)?);
    let last_ok = if upper { matches!(last, 'A'..='D') } else { matches!(last, 'a'..='d') };
    let prefix: String = [a, b].iter().collect();
    let prefix_ok = !"DFIQUV".contains(a)
        && !"DFIOQUV".contains(b)
        && !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&prefix.as_str());
    (last_ok && prefix_ok && !t.is_alnum(j + 1)).then_some(j + 1)
}

/// A French NIR: 13 digits starting with 1 or 2 and a 2-digit key (97 − number mod 97),
/// optionally grouped by single spaces.
fn nir_at(t: &Text, i: usize) -> Option<usize> {
    // Not the tail of a longer run of digit groups.
    let tail = i >= 2 && t.c[i - 1] == ' ' && t.is_digit(i - 2);
    if !matches!(t.at(i), Some('1' | '2')) || tail {
        return None;
    }
    let (mut number, mut key, mut n, mut j) = (0u64, 0u64, 0, i);
    while n < 15 {
        match t.at(j)?.to_digit(10) {
            Some(d) if n < 13 => number = number * 10 + u64::from(d),
            Some(d) => key = key * 10 + u64::from(d),
            None if t.c[j] == ' ' && t.is_digit(j + 1) => {
                j += 1;
                continue;
            }
            None => return None,
        }
        n += 1;
        j += 1;
    }
    if t.is_alnum(j) || (t.at(j) == Some(' ') && t.is_digit(j + 1)) {
        return None;
    }
    (key == 97 - number % 97).then_some(j)
}

/// The number after a cue such as `policy number:` or `NHS number is`.
fn cued_number_at(t: &Text, i: usize) -> Option<Range<usize>> {
    let first = t.l[i];
    let first_word = match first {
        'n' => t.lit(i, "nhs"),
        'm' => t.lit(i, "me"),
        'p' => t.lit(i, "policy"),
        'i' => t.lit(i, "insurance"),
        's' => t.lit(i, "subscriber"),
        _ => None,
    };
    first_word?;
    let (cue_end, nhs) = ID_CUES
        .iter()
        .filter(|(cue, _)| cue.starts_with(first))
        .find_map(|&(cue, nhs)| Some((words_at(t, i, cue)?, nhs)))?;
    let limit = cue_end + 20;
    let mut j = cue_end;
    loop {
        while j < limit
            && t.at(j)
                .is_some_and(|c| c.is_whitespace() || matches!(c, ':' | '#' | '.' | '=' | '-'))
        {
            j += 1;
        }
        match ["is", "was", "no", "number", "num", "nr"].iter().find_map(|w| t.word(j, w)) {
            Some(e) if e <= limit => j = e,
            _ => break,
        }
    }
    let (end, digits, letters) = id_token(t, j)?;
    let ok = if nhs { digits == 10 && !letters } else { digits >= 5 };
    ok.then_some(j..end)
}

/// The words of `phrase` at `i` (separated in the text by spaces, `-` or `_`): where they end.
fn words_at(t: &Text, i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for (n, w) in phrase.split(' ').enumerate() {
        if n > 0 {
            let gap =
                (j..).take(3).take_while(|&k| matches!(t.at(k), Some(' ' | '-' | '_'))).count();
            (gap > 0).then_some(())?;
            j += gap;
        }
        j = t.word(j, w)?;
    }
    Some(j)
}

/// An identifier: groups of ASCII letters and digits joined by single spaces or dashes, each
/// holding a digit (except a short letter prefix before a dash): its end, digit count and
/// whether it holds letters.
fn id_token(t: &Text, i: usize) -> Option<(usize, usize, bool)> {
    let (mut j, mut end, mut digits, mut letters) = (i, i, 0, false);
    loop {
        let g = j;
        while t.at(j).is_some_and(|c| c.is_ascii_alphanumeric()) && j - i <= 30 {
            j += 1;
        }
        let gd = t.c[g..j].iter().filter(|c| c.is_ascii_digit()).count();
        let prefix = g == i && gd == 0 && j - g <= 4 && t.at(j) == Some('-');
        if j == g || (gd == 0 && !prefix) || t.is_alnum(j) {
            break;
        }
        letters |= gd < j - g;
        digits += gd;
        end = j;
        if matches!(t.at(j), Some(' ' | '-'))
            && t.at(j + 1).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            j += 1;
        } else {
            break;
        }
    }
    (end > i && end - i <= 30).then_some((end, digits, letters))
}

// ---- dates of birth ----

fn dates_of_birth(t: &Text, out: &mut Vec<Span>) {
    let born = paragraphs_saying_i_was_born(t);
    let mut from = 0;
    for &i in &t.starts {
        if i < from {
            continue;
        }
        let Some((end, year)) = full_date_at(t, i) else {
            continue;
        };
        let k = born.partition_point(|r| r.end <= i);
        let in_born_paragraph = born.get(k).is_some_and(|r| r.start <= i);
        if birth_cue_before(t, i)
            || (in_born_paragraph && year.is_some_and(|y| BIRTH_YEARS.contains(&y)))
        {
            out.push((DateOfBirth, i, end));
        }
        from = end;
    }
}

/// Paragraphs (split by blank lines) that contain "I was born", in order.
fn paragraphs_saying_i_was_born(t: &Text) -> Vec<Range<usize>> {
    let said: Vec<usize> = (t.starts.iter().copied())
        .filter(|&i| t.l[i] == 'i' && words_at(t, i, "i was born").is_some())
        .collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    if said.is_empty() {
        return out;
    }
    let (mut start, mut i) = (0, 0);
    while i <= t.len() {
        let mut j = i + 1;
        while matches!(t.at(j), Some(' ' | '\t' | '\r')) {
            j += 1;
        }
        let blank_line = t.at(i) == Some('\n') && t.at(j) == Some('\n');
        if blank_line || i == t.len() {
            if said.iter().any(|s| (start..i).contains(s)) {
                out.push(start..i);
            }
            start = j + 1;
            i = j;
        }
        i += 1;
    }
    out
}

fn birth_cue_before(t: &Text, s: usize) -> bool {
    (s.saturating_sub(CUE_WINDOW + 12)..s).any(|p| {
        matches!(t.l[p], 'b' | 'd' | 'n' | 'g')
            && t.word_start(p)
            && BIRTH_CUES.iter().any(|cue| {
                t.lit(p, cue).is_some_and(|e| {
                    e <= s
                        && e + CUE_WINDOW >= s
                        && (cue.ends_with('.') || !t.is_alnum(e))
                        && !(*cue == "birth"
                            && t.spaces(e).and_then(|k| t.word(k, "control")).is_some())
                })
            })
    })
}

/// A full date at `i`: where it ends, and its year when written with four digits.
fn full_date_at(t: &Text, i: usize) -> Option<(usize, Option<u32>)> {
    if t.c[i].is_ascii_digit() {
        numeric_date_at(t, i).or_else(|| day_month_year_at(t, i).map(|(e, y)| (e, Some(y))))
    } else {
        month_day_year_at(t, i).map(|(e, y)| (e, Some(y)))
    }
}

/// `d/m/y`, `m/d/y` (with `/`, `.` or `-`, a 2- or 4-digit year) or `y-m-d`.
fn numeric_date_at(t: &Text, i: usize) -> Option<(usize, Option<u32>)> {
    let date_sep = |c: Option<char>| matches!(c, Some('/' | '.' | '-'));
    let a = t.digits(i);
    let sep = t.at(i + a);
    if !matches!(a, 1 | 2 | 4)
        || !date_sep(sep)
        || (i >= 2 && date_sep(t.prev(i)) && t.is_digit(i - 2))
    {
        return None;
    }
    let j = i + a + 1;
    let b = t.digits(j);
    if !(1..=2).contains(&b) || t.at(j + b) != sep {
        return None;
    }
    let k = j + b + 1;
    let c = t.digits(k);
    let end = k + c;
    if t.is_alnum(end) || (date_sep(t.at(end)) && t.is_digit(end + 1)) {
        return None;
    }
    let (x, y, z) = (t.num(i, a), t.num(j, b), t.num(k, c));
    let year = u32::try_from(if a == 4 { x } else { z }).ok()?;
    match (a, c) {
        (4, 1 | 2) => valid_date(z, y, x).then_some((end, Some(year))),
        (1 | 2, 4) => (valid_date(x, y, z) || valid_date(y, x, z)).then_some((end, Some(year))),
        (1 | 2, 2) => (valid_date(x, y, 2000) || valid_date(y, x, 2000)).then_some((end, None)),
        _ => None,
    }
}

/// `12 March 1985`, `12th of March, 1985`, `12. März 1985`, `12 de marzo de 1985`.
fn day_month_year_at(t: &Text, i: usize) -> Option<(usize, u32)> {
    let d = t.digits(i);
    if !(1..=2).contains(&d) {
        return None;
    }
    let mut j = i + d;
    if t.at(j) == Some('.') {
        j += 1;
    } else if t.is(j, ALPHA) {
        j = ["st", "nd", "rd", "th", "er"].iter().find_map(|s| t.lit(j, s))?;
    }
    j = t.spaces(j)?;
    if !t.is(j, ALPHA) {
        return None;
    }
    if let Some(e) = t.word(j, "of").or_else(|| t.word(j, "de")) {
        j = t.spaces(e)?;
    }
    let (month, e) = month_at(t, j)?;
    let (year, end) = year_after_month(t, e)?;
    valid_date(t.num(i, d), month, u64::from(year)).then_some((end, year))
}

/// `March 12, 1985`, `Mar 12th 1985`.
fn month_day_year_at(t: &Text, i: usize) -> Option<(usize, u32)> {
    // A month name is followed by a day: look for it before reading the name.
    month_initials(t, i).then_some(())?;
    let mut n = 0;
    while n <= 10 && t.is(i + n, ALPHA) {
        n += 1;
    }
    let after = i + n + usize::from(t.at(i + n) == Some('.'));
    if !t.spaces(after).is_some_and(|d| t.is_digit(d)) {
        return None;
    }
    let (month, mut j) = month_at(t, i)?;
    if t.at(j) == Some('.') {
        j += 1;
    }
    j = t.spaces(j)?;
    let d = t.digits(j);
    if !(1..=2).contains(&d) {
        return None;
    }
    let day = t.num(j, d);
    j += d;
    j = ["st", "nd", "rd", "th"].iter().find_map(|s| t.lit(j, s)).unwrap_or(j);
    if t.at(j) == Some(',') {
        j += 1;
    }
    let (year, end) = year_at(t, t.spaces(j)?)?;
    valid_date(day, month, u64::from(year)).then_some((end, year))
}

/// After a month name: `.`, `,`, spaces, an optional `de`, and a 4-digit year.
fn year_after_month(t: &Text, mut j: usize) -> Option<(u32, usize)> {
    if t.at(j) == Some('.') {
        j += 1;
    }
    if t.at(j) == Some(',') {
        j += 1;
    }
    j = t.spaces(j)?;
    if let Some(e) = t.word(j, "de") {
        j = t.spaces(e)?;
    }
    year_at(t, j)
}

fn year_at(t: &Text, j: usize) -> Option<(u32, usize)> {
    let y = u32::try_from(t.num(j, 4)).ok()?;
    (t.digits(j) == 4 && !t.is_alnum(j + 4) && (1800..=2100).contains(&y)).then_some((y, j + 4))
}

/// Month names (English, French, German, Spanish), January first.
const MONTHS: [&str; 12] = [
    "january jan janvier januar enero",
    "february feb février fevrier februar febrero",
    "march mar mars märz marz maerz marzo",
    "april apr avril abril",
    "may mai mayo",
    "june jun juin juni junio",
    "july jul juillet juli julio",
    "august aug août aout agosto",
    "september sep sept septembre septiembre setiembre",
    "october oct octobre oktober octubre",
    "november nov novembre noviembre",
    "december dec décembre decembre dezember diciembre",
];

/// A month name (English, French, German, Spanish) as a whole word at `i`.
fn month_at(t: &Text, i: usize) -> Option<(u64, usize)> {
    if !month_initials(t, i) {
        return None;
    }
    let mut n = 0;
    while n <= 10 && t.is(i + n, ALPHA) {
        n += 1;
    }
    if !(3..=10).contains(&n) || t.is_alnum(i + n) {
        return None;
    }
    let name: String = t.l[i..i + n].iter().collect();
    let month = MONTHS.iter().position(|names| listed(names, &name))?;
    Some((month as u64 + 1, i + n))
}

/// Whether the first two letters at `i` start a month name (checked before building the word).
fn month_initials(t: &Text, i: usize) -> bool {
    matches!(
        (t.l.get(i), t.l.get(i + 1)),
        (Some('j'), Some('a' | 'u'))
            | (Some('f'), Some('e' | 'é'))
            | (Some('m'), Some('a' | 'ä'))
            | (Some('a'), Some('p' | 'v' | 'b' | 'u' | 'o' | 'g'))
            | (Some('s'), Some('e'))
            | (Some('o'), Some('c' | 'k'))
            | (Some('n'), Some('o'))
            | (Some('d'), Some('e' | 'é' | 'i'))
            | (Some('e'), Some('n'))
    )
}

fn valid_date(day: u64, month: u64, year: u64) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

// ---- street addresses ----

/// Street words that end a street name: `Baker Street`.
const STREET_WORDS: Words = Words::new(
    "street st road rd avenue ave lane ln drive dr boulevard blvd way court ct place pl terrace \
     close crescent square",
);
/// Street words that come before the name, after the number: `12 rue de la Paix`.
const STREET_FIRST: Words = Words::new(
    "rue avenue av boulevard bd place allée allee chemin impasse quai calle avenida via viale \
     piazza plaza rua",
);
/// Street words before the name when the number comes last: `Calle Mayor, 5`.
const STREET_BEFORE_NUMBER: Words = Words::new("calle avenida via viale piazza plaza rua carrer");
/// Endings of German and Dutch compound street names, number last: `Hauptstraße 5`.
const STREET_SUFFIXES: &str = "straße strasse weg gasse allee platz straat";
/// Small words allowed inside a street name.
const PARTICLES: Words =
    Words::new("de la le les du des d l del della di do da dos das y e the of and");

/// Space-separated lower-case words, with the set of their first letters to reject most words
/// without comparing.
struct Words {
    list: &'static str,
    initials: u32,
}

impl Words {
    const fn new(list: &'static str) -> Words {
        let (bytes, mut initials, mut i) = (list.as_bytes(), 0u32, 0);
        while i < bytes.len() {
            if i == 0 || bytes[i - 1] == b' ' {
                initials |= match bytes[i] {
                    b @ b'a'..=b'z' => 1 << (b - b'a'),
                    _ => 1 << 31,
                };
            }
            i += 1;
        }
        Words { list, initials }
    }
    fn may_hold(&self, initial: char) -> bool {
        let bit = match initial {
            'a'..='z' => 1 << (initial as u32 - 'a' as u32),
            _ => 1 << 31,
        };
        self.initials & bit != 0
    }
}

struct Word {
    start: usize,
    end: usize,
    cap: bool,
}

impl Word {
    /// Whether the word, ignoring case, is one of `words`.
    fn is_in(&self, t: &Text, words: &Words) -> bool {
        words.may_hold(t.l[self.start])
            && words.list.split(' ').any(|w| t.lit(self.start, w) == Some(self.end))
    }
    /// Whether the word, ignoring case, ends with `suffix` (ASCII or not).
    fn ends_with(&self, t: &Text, suffix: &str) -> bool {
        let n = suffix.chars().count();
        self.end - self.start >= n && t.lit(self.end - n, suffix).is_some()
    }
}

fn street_addresses(t: &Text, out: &mut Vec<Span>) {
    let mut from = 0;
    for &i in &t.starts {
        if i < from {
            continue;
        }
        let found = if t.is_digit(i) {
            let in_number = matches!(
                t.prev(i),
                Some('.' | ',' | '/' | '-' | '+' | ':' | '#' | '$' | '€' | '£' | '%' | '°' | '_')
            );
            (!in_number).then(|| number_first_at(t, i)).flatten()
        } else if t.is(i, UPPER) {
            number_last_at(t, i)
        } else {
            None
        };
        if let Some(e) = found {
            out.push((StreetAddress, i, e));
            from = e;
        }
    }
}

/// `12`, `221B`, `12-14` (up to 5 digits, not starting with 0): where it ends.
fn house_number(t: &Text, i: usize) -> Option<usize> {
    let d = t.digits(i);
    if !(1..=5).contains(&d) || t.at(i) == Some('0') {
        return None;
    }
    let mut j = i + d;
    let range = t.digits(j + 1);
    if t.at(j) == Some('-') && (1..=5).contains(&range) {
        j += 1 + range;
    } else if t.at(j).is_some_and(|c| c.is_ascii_alphabetic()) && !t.is_alnum(j + 1) {
        j += 1;
    }
    (!t.is_alnum(j)).then_some(j)
}

/// A word at `i`: letters with inner apostrophes or hyphens, at most 40 characters.
fn word_at(t: &Text, i: usize) -> Option<Word> {
    let letter = |j: usize| t.is(j, ALPHA);
    if !letter(i) {
        return None;
    }
    let mut j = i;
    while j - i <= 40 {
        if letter(j) {
            j += 1;
        } else if matches!(t.at(j), Some('\'' | '’' | '-')) && letter(j + 1) {
            j += 2;
        } else {
            break;
        }
    }
    if j - i > 40 || t.is_alnum(j) {
        return None;
    }
    // `d'Alésia` counts as capitalised.
    let cap = t.is(i, UPPER) || (matches!(t.at(i + 1), Some('\'' | '’')) && t.is(i + 2, UPPER));
    Some(Word { start: i, end: j, cap })
}

/// Up to `max` words from `i`, separated by single spaces (a full stop after a word is skipped).
fn words_from(t: &Text, mut i: usize, max: usize) -> Vec<Word> {
    let mut words = Vec::new();
    while let Some(w) = (words.len() < max).then(|| word_at(t, i)).flatten() {
        let next = w.end + usize::from(t.at(w.end) == Some('.'));
        words.push(w);
        if t.at(next) != Some(' ') {
            break;
        }
        i = next + 1;
    }
    words
}

fn is_compound_street(t: &Text, w: &Word) -> bool {
    matches!(t.l[w.end - 1], 'e' | 'g' | 'z' | 't')
        && STREET_SUFFIXES
            .split(' ')
            .any(|s| w.ends_with(t, s) && w.end - w.start >= s.chars().count() + 3)
}

/// The end of a street name: capitalised words and particles, ending on a capitalised word.
fn name_end(t: &Text, words: &[Word]) -> Option<usize> {
    let mut end = None;
    for w in words.iter().take(4) {
        if w.cap {
            end = Some(w.end);
        } else if !w.is_in(t, &PARTICLES) {
            break;
        }
    }
    end
}

/// A house number then a street: `221B Baker Street`, `12, rue de la Paix`, `5 Hauptstraße`.
fn number_first_at(t: &Text, i: usize) -> Option<usize> {
    let mut j = house_number(t, i)?;
    if t.at(j) == Some(',') {
        j += 1;
    }
    (t.at(j) == Some(' ')).then_some(())?;
    j += 1;
    if let Some(e) = t.word(j, "bis").or_else(|| t.word(j, "ter")).filter(|&e| t.at(e) == Some(' '))
    {
        j = e + 1;
    }
    // Most numbers are followed by a lower-case word ("2 tablets"): check it before the rest.
    let first = word_at(t, j)?;
    if !first.cap && !first.is_in(t, &STREET_FIRST) && !is_compound_street(t, &first) {
        return None;
    }
    let words = words_from(t, j, 6);
    let first = words.first()?;
    if first.is_in(t, &STREET_FIRST) {
        if let Some(end) = name_end(t, &words[1..]) {
            return Some(end);
        }
    }
    let mut end = None;
    for (k, w) in words.iter().enumerate().take(5) {
        let title = w.is_in(t, &Words::new("dr st")) && words.get(k + 1).is_some_and(|n| n.cap);
        if (k > 0 && !title && w.is_in(t, &STREET_WORDS)) || is_compound_street(t, w) {
            end = Some(w.end);
        }
        if !w.cap {
            break;
        }
    }
    end
}

/// A street then its number: `Hauptstraße 5`, `Hauptstr. 5`, `Calle Mayor, 5`, `Via Roma 12`.
fn number_last_at(t: &Text, i: usize) -> Option<usize> {
    let first = word_at(t, i)?;
    let dot = usize::from(t.at(first.end) == Some('.'));
    let comma = usize::from(t.at(first.end + dot) == Some(','));
    let number_next =
        t.at(first.end + dot + comma) == Some(' ') && t.is_digit(first.end + dot + comma + 1);
    let abbreviated = dot == 1 && number_next && first.ends_with(t, "str");
    let mut j = if number_next && is_compound_street(t, &first) {
        first.end
    } else if abbreviated {
        first.end + 1
    } else if first.is_in(t, &STREET_BEFORE_NUMBER) {
        let next = first.end + 1;
        (t.at(first.end) == Some(' ')).then_some(())?;
        name_end(t, &words_from(t, next, 4))?
    } else {
        return None;
    };
    if t.at(j) == Some(',') {
        j += 1;
    }
    (t.at(j) == Some(' ') && t.digits(j + 1) <= 4).then_some(())?;
    house_number(t, j + 1)
}

// ---- phone numbers ----

fn phones(t: &Text, out: &mut Vec<Span>) {
    let mut from = 0;
    for &d in &t.starts {
        if d < from || !t.is_digit(d) {
            continue;
        }
        let i = if matches!(t.prev(d), Some('+' | '(')) { d - 1 } else { d };
        let glued = t.prev(i).is_some_and(|p| {
            p.is_alphanumeric()
                || matches!(
                    p,
                    ',' | '.'
                        | '/'
                        | '-'
                        | '_'
                        | '@'
                        | '+'
                        | '&'
                        | '%'
                        | '#'
                        | '$'
                        | '€'
                        | '£'
                        | '×'
                        | '*'
                        | '^'
                        | '\\'
                )
        });
        if glued {
            continue;
        }
        // Most numbers are short: count the digits ahead before parsing.
        let (mut j, mut count) = (i, 0);
        while j - i < 40 {
            match t.at(j) {
                Some('0'..='9') => count += 1,
                Some(' ' | '.' | '-' | '(' | ')' | '+') => {}
                _ => break,
            }
            j += 1;
        }
        if count < 9 {
            from = j;
            continue;
        }
        match phone_at(t, i) {
            Ok(r) => {
                out.push((Phone, r.start, r.end));
                from = r.end;
            }
            Err(next) => from = next,
        }
    }
}

/// A phone number starting at `i`, or where to look next (after the digit sequence).
fn phone_at(t: &Text, i: usize) -> Result<Range<usize>, usize> {
    let plus = t.c[i] == '+';
    let mut j = i + usize::from(plus);
    let (mut groups, mut seps, mut open, mut close) =
        (Vec::<Range<usize>>::new(), Vec::new(), 0usize, 0usize);
    loop {
        if t.at(j) == Some('(') {
            open += 1;
            j += 1;
        }
        let g = t.digits(j);
        groups.push(j..j + g);
        j += g;
        if groups.iter().map(|g| g.len()).sum::<usize>() > 15 {
            break;
        }
        // A closing parenthesis and a separator count only when another group follows.
        let closes = t.at(j) == Some(')');
        let mut k = j + usize::from(closes);
        let sep = t.at(k).filter(|s| matches!(s, ' ' | '.' | '-'));
        k += usize::from(sep.is_some());
        let opens_group = t.at(k) == Some('(') && t.is_digit(k + 1);
        if !t.is_digit(k) && !opens_group {
            break;
        }
        close += usize::from(closes);
        seps.extend(sep);
        j = k;
    }
    // A digit sequence is judged whole: no part of a longer number is a phone number.
    let mut retry = j.max(i + 1);
    while t.is_digit(retry)
        || (matches!(t.at(retry), Some(' ' | '.' | '-' | '(' | ')')) && t.is_digit(retry + 1))
    {
        retry += 1;
    }
    let (mut start, mut end) = (i, groups.last().map_or(i, |g| g.end));
    if open > close && t.c[start] == '(' {
        start += 1;
        open -= 1;
    }
    if open == close + 1 && t.at(end) == Some(')') {
        end += 1;
        close += 1;
    }
    let decimal = matches!(t.at(end), Some(',' | '.')) && t.is_digit(end + 1);
    let after_ok = !t.is_alnum(end) && !matches!(t.at(end), Some('/' | '%' | ':')) && !decimal;
    let ok = open == close && after_ok && plausible_phone(t, &groups, &seps, plus, open > 0);
    if ok {
        Ok(start..end)
    } else {
        Err(retry)
    }
}

fn plausible_phone(
    t: &Text,
    groups: &[Range<usize>],
    seps: &[char],
    plus: bool,
    parens: bool,
) -> bool {
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let total: usize = lens.iter().sum();
    let one_sep = seps.windows(2).all(|w| w[0] == w[1]);
    let spaces_only = seps.iter().all(|&s| s == ' ');
    let yearish = |g: &Range<usize>| g.len() == 4 && matches!(t.num(g.start, 2), 19 | 20);
    (9..=15).contains(&total)
        && (lens.len() == 1 || lens.iter().all(|&n| n <= 8))
        && (plus || lens.iter().skip(1).all(|&n| n >= 2))
        && (plus || !seps.contains(&'.') || lens.iter().all(|&n| n >= 2))
        && (plus || parens || one_sep)
        && !(lens.len() > 1 && groups.iter().all(yearish))
        && (plus
            || parens
            || lens.len() == 1
            || !spaces_only
            || t.c[groups[0].start] == '0'
            || lens == [3, 3, 4]
            || lens == [1, 3, 3, 4])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use proptest::prelude::*;

    use super::*;

    /// The first occurrence of `needle` in `text` as a finding, with character offsets.
    fn at(kind: FindingKind, text: &str, needle: &str) -> Finding {
        let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let start = text[..byte].chars().count();
        Finding { kind, start, end: start + needle.chars().count(), text: needle.to_string() }
    }

    /// Each `(text, needle)` gives exactly one finding, of `kind`, on `needle`.
    fn finds(kind: FindingKind, cases: &[(&str, &str)]) {
        for &(text, needle) in cases {
            assert_eq!(scan(text), vec![at(kind, text, needle)], "in {text:?}");
        }
    }

    fn finds_nothing(texts: &[&str]) {
        for text in texts {
            assert_eq!(scan(text), vec![], "in {text:?}");
        }
    }

    /// Ordinary health talk and the usual false positives.
    const HEALTH_TALK: &[&str] = &[
        "I take 2x 500 mg metformin",
        "500mg twice a day",
        "BP was 120/80 this morning",
        "HbA1c 6.5%",
        "glucose 5.6 mmol/L after breakfast",
        "walked 3 km",
        "scored 14 on the PHQ-9",
        "scored 27/30 on the MoCA",
        "since 2019",
        "10-12 weeks of physio",
        "see you at 10:30",
        "from 08:30 to 09:45",
        "my 2 kids",
        "3 days, 2 tablets, 5 kg",
        "1234567",
        "weight 72.5 kg, 1,234,567,890 steps",
        "years 2019-2020-2021-2022",
        "in 2019 2020 2021 I was ill",
        "scores 12 14 15 16 18",
        "pi is 3.14159265358",
        "version 1.2.3.4.5.6.7.8.9",
        "order #123456789",
        "my appointment is on 12/03/2026",
        "March 1985 was when it started",
        "walked 2 miles down the road",
        "I have 2 close friends and 5 square meters",
        "I take 2 pills on the way to work",
        "On 3 May Dr Smith said it was fine",
        "In 2019 Dr Jones changed my dose",
        "a 2 hour drive",
        "Platz 3 in the ranking",
    ];

    #[test]
    fn ordinary_health_talk_has_no_findings() {
        finds_nothing(HEALTH_TALK);
        finds_nothing(&["", "   ", "🎉", "@", "a@", "@b.com"]);
    }

    #[test]
    fn emails() {
        finds(
            Email,
            &[
                (
                    "Write to jane.doe+kindred@example.co.uk today.",
                    "jane.doe+kindred@example.co.uk",
                ),
                ("(contact: m.martin@hopital-paris.fr).", "m.martin@hopital-paris.fr"),
                ("email me at bob@mail.com.", "bob@mail.com"),
                ("<zoé@exemple.fr>", "zoé@exemple.fr"),
            ],
        );
        assert_eq!(
            scan("mail a@b.io"),
            vec![Finding { kind: Email, start: 5, end: 11, text: "a@b.io".into() }]
        );
        finds_nothing(&[
            "@username",
            "me@home",
            "a@b.c",
            "see @jane",
            "user@localhost",
            "a@-b.com",
        ]);
    }

    #[test]
    fn phones() {
        finds(
            Phone,
            &[
                ("call +44 20 7946 0958 after six", "+44 20 7946 0958"),
                ("office: (555) 123-4567.", "(555) 123-4567"),
                ("mon portable 06 12 34 56 78", "06 12 34 56 78"),
                ("555-123-4567", "555-123-4567"),
                ("555.123.4567", "555.123.4567"),
                ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
                ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
                ("+1 (555) 123-4567", "+1 (555) 123-4567"),
                ("mobile 07700 900123", "07700 900123"),
                ("text me (0612345678)", "0612345678"),
                ("Tel:0612345678", "0612345678"),
                ("1 555 123 4567", "1 555 123 4567"),
                ("06.12.34.56.78", "06.12.34.56.78"),
            ],
        );
        finds_nothing(&[
            "+44 20",
            "555-1234",
            "12345678",
            "1234567890123456",
            "in 2019 555 123 4567",
        ]);
    }

    #[test]
    fn street_addresses() {
        finds(
            StreetAddress,
            &[
                ("I live at 221B Baker Street, London", "221B Baker Street"),
                ("12 rue de la Paix", "12 rue de la Paix"),
                ("15, avenue des Champs-Élysées.", "15, avenue des Champs-Élysées"),
                ("3 Place Vendôme", "3 Place Vendôme"),
                ("the 1600 Pennsylvania Avenue NW", "1600 Pennsylvania Avenue"),
                ("10 Downing St. is busy", "10 Downing St"),
                ("42 Wallaby Way, Sydney", "42 Wallaby Way"),
                ("12 St Mary's Road", "12 St Mary's Road"),
                ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5"),
                ("Karl-Marx-Allee 72", "Karl-Marx-Allee 72"),
                ("in der Hauptstr. 5a", "Hauptstr. 5a"),
                ("Calle Mayor, 5", "Calle Mayor, 5"),
                ("Via Roma 12", "Via Roma 12"),
                ("5 Lindenweg", "5 Lindenweg"),
            ],
        );
    }

    #[test]
    fn dates_of_birth() {
        finds(
            DateOfBirth,
            &[
                ("I was born on 12/03/1985.", "12/03/1985"),
                ("DOB: 1985-03-12", "1985-03-12"),
                ("born 12 March 1985", "12 March 1985"),
                ("Birthday: March 12, 1985", "March 12, 1985"),
                ("date of birth 12th of March, 1985", "12th of March, 1985"),
                ("geboren am 12.03.1985", "12.03.1985"),
                ("geboren am 12. März 1985", "12. März 1985"),
                ("né le 12 mars 1985", "12 mars 1985"),
                ("Je suis née le 3 août 1990", "3 août 1990"),
                ("fecha de nacimiento: 12 de marzo de 1985", "12 de marzo de 1985"),
                ("d.o.b 12-03-85", "12-03-85"),
                ("D.O.B. 02/29/1988", "02/29/1988"),
                ("My daughter was born 3 weeks early on 12 March 2019", "12 March 2019"),
                (
                    "I was born in a small village near Lyon, in the middle of a cold winter. \
                     It was 12 March 1985 and snowing.",
                    "12 March 1985",
                ),
            ],
        );
        finds_nothing(&[
            "my appointment is on 12/03/2026",
            "I was born in March 1985",
            "born in 1985",
            "I was born with a heart defect.\n\nMy first operation was on 12/03/1986.",
            "I was born with a heart defect and have had many operations; \
             the last one was on 12/03/2019.",
            "started birth control on 12/03/2019",
            "born 31/02/1985",
            "born 12/13/1985/4",
        ]);
    }

    #[test]
    fn national_ids() {
        finds(
            NationalId,
            &[
                ("My SSN is 123-45-6789.", "123-45-6789"),
                ("NI number AB 12 34 56 C", "AB 12 34 56 C"),
                ("ni: ab123456c", "ab123456c"),
                ("numéro de sécu : 1 85 03 75 123 456 41", "1 85 03 75 123 456 41"),
                ("NIR 292019912312377", "292019912312377"),
                ("my NHS number is 485 777 3456", "485 777 3456"),
                ("NHS no. 4857773456", "4857773456"),
                ("Member ID: XYZ123456789 and group 44", "XYZ123456789"),
                ("policy number ABC-12345", "ABC-12345"),
                ("Medicare number 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
                ("insurance-number #: 99887766", "99887766"),
            ],
        );
        finds_nothing(&[
            "QQ 12 34 56 C",
            "BG123456A",
            "AB 12 34 56 E",
            "ab 12 34 56 c",
            "1 85 03 75 123 456 42",
            "NHS number is on the letter",
            "member id pending",
            "NHS number 12345",
            "policy number 12",
        ]);
        // An impossible SSN is still a phone-shaped number.
        assert_eq!(scan("666-12-3456")[0].kind, Phone);
    }

    #[test]
    fn social_profiles() {
        finds(
            SocialProfile,
            &[
                ("https://www.facebook.com/jane.doe.123", "https://www.facebook.com/jane.doe.123"),
                ("follow instagram.com/jane_doe.", "instagram.com/jane_doe"),
                ("x.com/jdoe", "x.com/jdoe"),
                ("http://twitter.com/jdoe?lang=en", "http://twitter.com/jdoe"),
                ("tiktok.com/@jane.doe", "tiktok.com/@jane.doe"),
                ("see linkedin.com/in/jane-doe-12345/", "linkedin.com/in/jane-doe-12345"),
                ("reddit.com/u/throwaway_99", "reddit.com/u/throwaway_99"),
                ("www.reddit.com/user/jane_doe", "www.reddit.com/user/jane_doe"),
                ("youtube.com/@JaneVlogs", "youtube.com/@JaneVlogs"),
                (
                    "m.facebook.com/profile.php?id=100012345678",
                    "m.facebook.com/profile.php?id=100012345678",
                ),
            ],
        );
        finds_nothing(&[
            "facebook.com",
            "facebook.com/",
            "facebook.com/groups/type1support",
            "instagram.com/p/Cx123",
            "x.com/search?q=insulin",
            "netflix.com/jane",
            "youtube.com/watch?v=abc",
            "tiktok.com/jane",
        ]);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "J'ai été opérée 🎉 appelez le 06 12 34 56 78";
        assert_eq!(
            scan(text),
            vec![Finding { kind: Phone, start: 29, end: 43, text: "06 12 34 56 78".into() }]
        );
        let text = "Café ☕ — écrivez à zoé@exemple.fr";
        assert_eq!(
            scan(text),
            vec![Finding { kind: Email, start: 19, end: 33, text: "zoé@exemple.fr".into() }]
        );
    }

    #[test]
    fn the_more_specific_kind_wins_and_findings_come_in_order() {
        let text = "SSN 123-45-6789, NHS number 485 777 3456, mail a@b.io, \
                    call 555-123-4567, I live at 12 Baker Street, born 12/03/1985, x.com/jdoe";
        let found: Vec<(FindingKind, String)> =
            scan(text).into_iter().map(|f| (f.kind, f.text)).collect();
        assert_eq!(
            found,
            vec![
                (NationalId, "123-45-6789".into()),
                (NationalId, "485 777 3456".into()),
                (Email, "a@b.io".into()),
                (Phone, "555-123-4567".into()),
                (StreetAddress, "12 Baker Street".into()),
                (DateOfBirth, "12/03/1985".into()),
                (SocialProfile, "x.com/jdoe".into()),
            ]
        );
    }

    #[test]
    fn a_100_kb_body_is_scanned_whole() {
        let block = "BP was 120/80 this morning, HbA1c 6.5%, I take 2x 500 mg metformin since \
                     2019 and walked 3 km. Write to jane@example.org or call 06 12 34 56 78. \
                     Café ☕ at 10:30 with Dr Smith on 12/03/2026, 3 Main Street.\n";
        let reps = 100_000 / block.len() + 1;
        let text = block.repeat(reps);
        assert!(text.len() >= 100_000);
        let found = scan(&text);
        let kinds: Vec<FindingKind> = found.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Email, Phone, StreetAddress].repeat(reps));
        let per_block = block.chars().count();
        assert_eq!(found[3], at(Email, block, "jane@example.org").shifted(per_block));
    }

    impl Finding {
        fn shifted(mut self, by: usize) -> Finding {
            self.start += by;
            self.end += by;
            self
        }
    }

    proptest! {
        #[test]
        fn findings_are_ordered_disjoint_and_match_the_text(
            text in "[0-9 ./()+@:,a-zA-Z#é🎉\n-]{0,300}"
        ) {
            let chars: Vec<char> = text.chars().collect();
            let found = scan(&text);
            for w in found.windows(2) {
                prop_assert!(w[0].end <= w[1].start);
            }
            for f in &found {
                prop_assert!(f.start < f.end && f.end <= chars.len());
                prop_assert_eq!(&f.text, &chars[f.start..f.end].iter().collect::<String>());
            }
        }
    }
}
