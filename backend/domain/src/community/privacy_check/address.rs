//! Street addresses.

use super::text::{Text, ALPHA, UPPER};
use super::{FindingKind::StreetAddress, Span};

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

pub(super) fn street_addresses(t: &Text, out: &mut Vec<Span>) {
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
