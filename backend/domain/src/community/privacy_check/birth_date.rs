//! Dates of birth.

use std::ops::Range;

use super::text::{listed, words_at, Text, ALPHA};
use super::{FindingKind::DateOfBirth, Span, BIRTH_CUES, BIRTH_YEARS};

const CUE_WINDOW: usize = 30;

pub(super) fn dates_of_birth(t: &Text, out: &mut Vec<Span>) {
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
