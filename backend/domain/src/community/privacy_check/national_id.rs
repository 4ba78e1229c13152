//! National identity and insurance numbers.

use std::ops::Range;

use super::text::{words_at, Text};
use super::{FindingKind::NationalId, Span};

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

pub(super) fn national_ids(t: &Text, out: &mut Vec<Span>) {
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
