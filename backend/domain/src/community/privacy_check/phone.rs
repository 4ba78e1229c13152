//! Phone numbers.

use std::ops::Range;

use super::{text::Text, FindingKind::Phone, Span};

pub(super) fn phones(t: &Text, out: &mut Vec<Span>) {
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
