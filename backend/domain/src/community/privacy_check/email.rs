//! Email addresses.

use super::{text::Text, FindingKind::Email, Span};

pub(super) fn emails(t: &Text, out: &mut Vec<Span>) {
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
