//! The scanned text as classified characters, and the character and word helpers the
//! scanners share.

/// Whether `word` is one of the space-separated words of `list`.
pub(super) fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w == word)
}

/// An ASCII digit.
pub(super) const DIGIT: u8 = 1;
/// A letter or digit of any script.
pub(super) const ALNUM: u8 = 2;
/// A letter of any script.
pub(super) const ALPHA: u8 = 4;
/// An upper-case letter.
pub(super) const UPPER: u8 = 8;

/// The text as characters, lower-cased one character for one, classified, and where its words
/// start. The scanners try a shape only where a word starts, so a scan stays fast in debug builds.
pub(super) struct Text {
    pub(super) c: Vec<char>,
    pub(super) l: Vec<char>,
    pub(super) class: Vec<u8>,
    pub(super) starts: Vec<usize>,
    /// Where `@` and `/` are.
    pub(super) marks: Vec<usize>,
}

impl Text {
    pub(super) fn new(s: &str) -> Text {
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
    pub(super) fn len(&self) -> usize {
        self.c.len()
    }
    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }
    pub(super) fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|p| self.at(p))
    }
    pub(super) fn is(&self, i: usize, class: u8) -> bool {
        match self.class.get(i) {
            Some(&k) => k & class != 0,
            None => false,
        }
    }
    pub(super) fn is_digit(&self, i: usize) -> bool {
        self.is(i, DIGIT)
    }
    pub(super) fn is_alnum(&self, i: usize) -> bool {
        self.is(i, ALNUM)
    }
    pub(super) fn word_start(&self, i: usize) -> bool {
        i == 0 || !self.is(i - 1, ALNUM)
    }
    /// `s` (lower case) at `i`, ignoring case: where it ends.
    pub(super) fn lit(&self, i: usize, s: &str) -> Option<usize> {
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
    pub(super) fn word(&self, i: usize, s: &str) -> Option<usize> {
        self.lit(i, s).filter(|&e| !self.is_alnum(e))
    }
    /// How many ASCII digits start at `i` (counting stops after 20).
    pub(super) fn digits(&self, i: usize) -> usize {
        let mut j = i;
        while j - i <= 20 && self.is(j, DIGIT) {
            j += 1;
        }
        j - i
    }
    pub(super) fn num(&self, i: usize, n: usize) -> u64 {
        let digits = self.c.get(i..i + n).unwrap_or(&[]);
        digits.iter().filter_map(|c| c.to_digit(10)).fold(0, |a, d| a * 10 + u64::from(d))
    }
    /// After one to three spaces at `i`.
    pub(super) fn spaces(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j - i < 3 && matches!(self.at(j), Some(' ' | '\t' | '\u{a0}')) {
            j += 1;
        }
        (j > i).then_some(j)
    }
}

/// The words of `phrase` at `i` (separated in the text by spaces, `-` or `_`): where they end.
pub(super) fn words_at(t: &Text, i: usize, phrase: &str) -> Option<usize> {
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
