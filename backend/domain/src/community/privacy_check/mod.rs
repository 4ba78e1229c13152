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

mod address;
mod birth_date;
mod email;
mod national_id;
mod phone;
mod social;
mod text;

#[cfg(test)]
mod tests;

use std::ops::RangeInclusive;

use address::street_addresses;
use birth_date::dates_of_birth;
use email::emails;
use national_id::national_ids;
use phone::phones;
use social::social_profiles;
use text::Text;
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
