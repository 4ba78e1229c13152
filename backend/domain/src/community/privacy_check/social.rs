//! Social-media profile URLs.

use std::ops::{Range, RangeInclusive};

use super::text::{listed, Text};
use super::{FindingKind::SocialProfile, Span};

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

pub(super) fn social_profiles(t: &Text, out: &mut Vec<Span>) {
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
