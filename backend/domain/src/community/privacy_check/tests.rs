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
            ("Write to jane.doe+kindred@example.co.uk today.", "jane.doe+kindred@example.co.uk"),
            ("(contact: m.martin@hopital-paris.fr).", "m.martin@hopital-paris.fr"),
            ("email me at bob@mail.com.", "bob@mail.com"),
            ("<zoé@exemple.fr>", "zoé@exemple.fr"),
        ],
    );
    assert_eq!(
        scan("mail a@b.io"),
        vec![Finding { kind: Email, start: 5, end: 11, text: "a@b.io".into() }]
    );
    finds_nothing(&["@username", "me@home", "a@b.c", "see @jane", "user@localhost", "a@-b.com"]);
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
    finds_nothing(&["+44 20", "555-1234", "12345678", "1234567890123456", "in 2019 555 123 4567"]);
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
