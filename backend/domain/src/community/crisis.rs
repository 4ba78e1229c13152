//! Crisis language in posts (DESIGN §6.3).
//!
//! A post containing crisis or self-harm language files a self-harm-concern report by itself and
//! shows its author [`RESOURCES`]. [`detect`] looks for the phrases of [`PHRASES`] as whole words,
//! ignoring case and diacritics (so `Suicidal`, `me suicider` and `hacerme dano` match, but
//! `harmony` is not `harm` and `dying to try` is nothing).
//!
//! Decisions:
//! - Talking *about* suicide is crisis vocabulary and matches ("my grandfather died by suicide"):
//!   the cost of a moderator glancing at a report and the author seeing resources is small next
//!   to the cost of missing someone.
//! - "hurt myself" alone is ordinary injury talk ("I hurt myself at the gym"); only intent forms
//!   match ("want to hurt myself", "hurt myself on purpose").
//! - Idioms in [`NOT_CRISIS`] do not match: "suicide squad", "career suicide", "suicide mission",
//!   sports drills ("suicide sprints"), "suicide doors", and "I don't want to die".
//!
//! Known false positives that remain: hyperbole ("I could kill myself for forgetting", "ich könnte
//! mich umbringen"), the misspelling "want to die my hair", and quoting or discussing the words
//! (a news story about suicide prevention).

/// Crisis and self-harm phrases (English, then French, German and Spanish), matched as whole
/// words ignoring case, diacritics and punctuation between words (`self-harm` = `self harm`).
pub const PHRASES: &[&str] = &[
    // English
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my own life",
    "taking my own life",
    "take my life",
    "end it all",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "no reason to live",
    "nothing to live for",
    "don't want to live",
    "dont want to live",
    "do not want to live",
    "don't want to be alive",
    "dont want to be alive",
    "do not want to be alive",
    "self-harm",
    "selfharm",
    "self-harming",
    "self-injury",
    "want to hurt myself",
    "going to hurt myself",
    "hurt myself on purpose",
    "overdose on purpose",
    "overdosed on purpose",
    // French
    "me suicider",
    "suicidaire",
    "je vais me tuer",
    "veux me tuer",
    "envie de me tuer",
    "envie de mourir",
    "plus envie de vivre",
    "envie d'en finir",
    "je veux mourir",
    "mettre fin à mes jours",
    "me faire du mal",
    // German
    "mich umbringen",
    "mich töten",
    "selbstmord",
    "selbstmordgedanken",
    "suizid",
    "suizidal",
    "suizidgedanken",
    "ich will sterben",
    "will nicht mehr leben",
    "möchte nicht mehr leben",
    "mir das leben nehmen",
    "selbstverletzung",
    // Spanish
    "quiero morir",
    "quiero morirme",
    "suicidarme",
    "suicidio",
    "suicida",
    "quitarme la vida",
    "no quiero vivir",
    "hacerme daño",
];

/// Longer phrases that contain a phrase of [`PHRASES`] but are not crisis language.
pub const NOT_CRISIS: &[&str] = &[
    "suicide squad",
    "suicide door",
    "suicide doors",
    "suicide mission",
    "suicide missions",
    "career suicide",
    "political suicide",
    "social suicide",
    "commercial suicide",
    "suicide drill",
    "suicide drills",
    "suicide sprint",
    "suicide sprints",
    "suicide run",
    "suicide runs",
    "suicide king",
    "suicide kings",
    "suicide blonde",
    "don't want to die",
    "dont want to die",
    "do not want to die",
    "didn't want to die",
    "doesn't want to die",
    "never want to die",
];

/// What the author of a post with crisis language is shown: the same wording as the crisis panel
/// after a PHQ-9 answer that raises `self_harm_risk` (frontend `CrisisResources.tsx`).
pub const RESOURCES: &str = "If you are thinking about harming yourself, please reach out now.\n\
You don’t have to face this alone. Talking to someone can help, right now.\n\
- In immediate danger: call your local emergency number (112 in Europe, 911 in the US and \
Canada, 999 in the UK).\n\
- US: call or text 988 (988 Suicide & Crisis Lifeline), any time.\n\
- UK and Ireland: call Samaritans on 116 123, free, any time.\n\
- Elsewhere: your doctor, or a local crisis line, can help today.\n\
Kindred is not watched for emergencies: nobody here will see this in time to help. \
Please contact one of the services above.";

/// Whether `text` contains crisis language: case-insensitive, diacritics-insensitive,
/// whole-word (so "suicidal" matches "suicidal" but "harmony" does not match "harm").
/// Returns the phrase of [`PHRASES`] found first in the text.
pub fn detect(text: &str) -> Option<&'static str> {
    let text = normalize(text);
    let idioms: Vec<String> = NOT_CRISIS.iter().map(|p| normalize(p)).collect();
    let mut found: Option<(usize, &'static str)> = None;
    for &phrase in PHRASES {
        // Only an occurrence before the best so far matters.
        let before = found.map_or(text.len(), |(at, _)| at);
        if let Some(at) = first_outside_idioms(&text, &normalize(phrase), &idioms, before) {
            found = Some((at, phrase));
        }
    }
    found.map(|(_, phrase)| phrase)
}

/// Where, before byte `before`, `phrase` first occurs in `text` outside every idiom of
/// [`NOT_CRISIS`] that contains it. All are normalised, so positions are byte offsets of the space
/// before a word.
fn first_outside_idioms(
    text: &str,
    phrase: &str,
    idioms: &[String],
    before: usize,
) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(phrase) {
        let at = from + found;
        if at >= before {
            return None;
        }
        let in_idiom = idioms.iter().any(|idiom| {
            idiom.match_indices(phrase).any(|(offset, _)| {
                at >= offset
                    && text.get(at - offset..).is_some_and(|t| t.starts_with(idiom.as_str()))
            })
        });
        if !in_idiom {
            return Some(at);
        }
        // `at` is a space, so the next byte starts a character.
        from = at + 1;
    }
    None
}

/// Lower-cased words without diacritics, each with a space before and after: anything but a
/// letter or digit separates words.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let space = |out: &mut String| {
        if !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            space(&mut out);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent (decomposed text): dropped.
        } else {
            for l in c.to_lowercase() {
                if l.is_alphanumeric() {
                    fold(l, &mut out);
                } else {
                    space(&mut out);
                }
            }
        }
    }
    space(&mut out);
    out
}

/// Pushes `c` without its diacritics (Latin letters).
fn fold(c: char, out: &mut String) {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => return out.push_str("ss"),
        'æ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        _ => c,
    };
    out.push(plain);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn finds_crisis_language_ignoring_case_diacritics_and_punctuation() {
        let cases = [
            ("I want to die", "want to die"),
            ("I've been feeling SUICIDAL lately", "suicidal"),
            ("thoughts of self harm again", "self-harm"),
            ("Self-harm, again.", "self-harm"),
            ("I keep self-harming", "self-harming"),
            ("my grandfather died by suicide years ago", "suicide"),
            ("I don't want to live like this anymore", "don't want to live"),
            ("I don’t want to live", "don't want to live"),
            (
                "everyone would be better off dead... I mean better off without me",
                "better off dead",
            ),
            ("I took them all, an overdose on purpose", "overdose on purpose"),
            ("I want to hurt myself", "want to hurt myself"),
            ("je vais me suicider", "me suicider"),
            ("J'ai envie de mourir", "envie de mourir"),
            ("Je n'ai plus envie de vivre", "plus envie de vivre"),
            ("mettre fin a mes jours", "mettre fin à mes jours"),
            ("METTRE FIN À MES JOURS", "mettre fin à mes jours"),
            ("mettre fin a\u{300} mes jours", "mettre fin à mes jours"),
            ("Ich will mich UMBRINGEN", "mich umbringen"),
            ("Selbstmordgedanken seit Wochen", "selbstmordgedanken"),
            ("Ich möchte nicht mehr leben", "möchte nicht mehr leben"),
            ("Ich mochte nicht mehr leben", "möchte nicht mehr leben"),
            ("quiero morir", "quiero morir"),
            ("quiero hacerme dano", "hacerme daño"),
        ];
        for (text, phrase) in cases {
            assert_eq!(detect(text), Some(phrase), "in {text:?}");
        }
    }

    #[test]
    fn the_phrase_found_first_in_the_text_is_returned() {
        assert_eq!(detect("suicidal thoughts, I want to die"), Some("suicidal"));
        assert_eq!(detect("🎉 suicide 🎉🎉 ééé want to die"), Some("suicide"));
        assert_eq!(detect("I want to die, suicidal thoughts"), Some("want to die"));
    }

    #[test]
    fn ordinary_talk_and_idioms_are_not_crisis_language() {
        let texts = [
            "I'm dying to try this recipe",
            "Suicide Squad was a fun movie",
            "that would be career suicide",
            "it was a suicide mission",
            "coach made us run suicide sprints",
            "I hurt myself at the gym",
            "self harmony",
            "harmony",
            "I don't want to die from this cancer",
            "I do not want to die young",
            "the drug killed my appetite",
            "diet to lose weight",
            "",
        ];
        for text in texts {
            assert_eq!(detect(text), None, "in {text:?}");
        }
    }

    #[test]
    fn every_phrase_matches_itself_and_no_idiom_matches() {
        for &p in PHRASES {
            assert_eq!(detect(p), Some(p));
        }
        for idiom in NOT_CRISIS {
            assert_eq!(detect(idiom), None, "{idiom}");
        }
    }

    #[test]
    fn resources_name_the_crisis_lines() {
        assert!(RESOURCES.contains("988") && RESOURCES.contains("116 123"));
        assert!(RESOURCES.contains("112") && RESOURCES.contains("999"));
    }

    #[test]
    fn a_long_text_is_searched_whole() {
        let text = "My HbA1c is 6.5% and I feel fine. ".repeat(3000) + "Some days I want to die.";
        assert_eq!(detect(&text), Some("want to die"));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = detect(&text);
        }

        #[test]
        fn finds_a_phrase_among_any_characters(
            before in "(\\PC|🎉|ß|é){0,20}",
            after in "(\\PC|🎉|ß|é){0,20}",
        ) {
            let text = format!("{before}. I want to die. {after}");
            prop_assert!(detect(&text).is_some());
        }
    }
}
