//! Who lives in the demo world, and the history each of them brings: months of readings and
//! questionnaire answers for the three printed patients, a few weeks of blood pressure for
//! each quiet member of the study's cohort.

use chrono::{DateTime, Duration, Utc};
use kindred_domain::account::Role;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{Map, Value};

use super::series::{daily, normal, settle, spread_score, Point};
use super::DemoLogin;

/// How far back the demo history goes.
pub const DAYS: i64 = 180;

/// How far back a quiet member's blood pressure goes.
const MEMBER_DAYS: i64 = 60;

/// The community the study recruits from and the moderator looks after.
pub const BP_COMMUNITY: &str = "hypertension";

pub struct Person {
    pub login: DemoLogin,
    /// Printed after seeding (quiet members are summed up in one line).
    pub printed: bool,
    /// The platform role the account is created with (the researcher starts as a member and
    /// becomes a researcher when the administrator approves the application).
    pub created_as: Role,
    pub birth_year: Option<i32>,
    pub sex: Option<&'static str>,
    pub country: Option<&'static str>,
    pub visibility: &'static str,
    /// (condition slug, diagnosis year, status, primary)
    pub conditions: &'static [(&'static str, i32, &'static str, bool)],
    /// The communities they belong to.
    pub communities: &'static [&'static str],
    /// Stable seed for this person's numbers.
    pub seed: u64,
    /// Minutes east of UTC where they live.
    pub offset: i32,
}

fn login(role: Role, label: &'static str, who: &str, email: &str, handle: &str) -> DemoLogin {
    DemoLogin { role, label, who: who.into(), email: email.into(), handle: handle.into() }
}

/// The email of quiet member `n` (1-based).
pub fn member_email(n: usize) -> String {
    format!("member{n:02}@demo.kindred.example")
}

/// Everyone, printed logins first, then `quiet` members who consent to the demo study.
pub fn people(quiet: usize) -> Vec<Person> {
    let mut out = vec![
        Person {
            login: login(
                Role::Patient,
                "patient",
                "Maria: high blood pressure and depression; consents to Dr Chen's study",
                "maria@demo.kindred.example",
                "maria_h",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: Some(1968),
            sex: Some("female"),
            country: Some("PT"),
            visibility: "members",
            conditions: &[
                ("hypertension", 2019, "active", true),
                ("depression", 2021, "active", false),
            ],
            communities: &["hypertension", "depression", "welcome"],
            seed: 11,
            offset: 0,
        },
        Person {
            login: login(
                Role::Patient,
                "patient",
                "Tom: type 2 diabetes and asthma, with an asthma flare-up four months ago",
                "tom@demo.kindred.example",
                "tom_r",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: Some(1975),
            sex: Some("male"),
            country: Some("GB"),
            visibility: "members",
            conditions: &[
                ("type-2-diabetes", 2020, "active", true),
                ("asthma", 1992, "active", false),
            ],
            communities: &["type-2-diabetes", "asthma", "welcome"],
            seed: 22,
            offset: 0,
        },
        Person {
            login: login(
                Role::Patient,
                "patient",
                "Aisha: migraine and generalized anxiety",
                "aisha@demo.kindred.example",
                "aisha_k",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: Some(1990),
            sex: Some("female"),
            country: Some("DE"),
            visibility: "private",
            conditions: &[
                ("migraine", 2012, "active", true),
                ("generalized-anxiety", 2022, "in_remission", false),
            ],
            communities: &["migraine", "generalized-anxiety", "welcome"],
            seed: 33,
            offset: 60,
        },
        Person {
            login: login(
                Role::Patient,
                "moderator",
                "Sam: moderates High blood pressure, where a reported post waits",
                "mod@demo.kindred.example",
                "sam_w",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: Some(1959),
            sex: Some("male"),
            country: Some("IE"),
            visibility: "members",
            conditions: &[("hypertension", 2009, "active", true)],
            communities: &["hypertension", "welcome"],
            seed: 66,
            offset: 0,
        },
        Person {
            login: login(
                Role::Researcher,
                "researcher",
                "Dr Chen: a verified researcher; an approved study with a ready export",
                "researcher@demo.kindred.example",
                "dr_chen",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: None,
            sex: None,
            country: Some("NL"),
            visibility: "public",
            conditions: &[],
            communities: &[],
            seed: 44,
            offset: 60,
        },
        Person {
            login: login(
                Role::Patient,
                "applicant",
                "Priya: applied to become a researcher; waits for the administrator",
                "applicant@demo.kindred.example",
                "priya_s",
            ),
            printed: true,
            created_as: Role::Patient,
            birth_year: Some(1994),
            sex: Some("female"),
            country: Some("PT"),
            visibility: "private",
            conditions: &[],
            communities: &["welcome"],
            seed: 77,
            offset: 0,
        },
        Person {
            login: login(
                Role::Admin,
                "admin",
                "the platform administrator",
                "admin@demo.kindred.example",
                "kindred_admin",
            ),
            printed: true,
            created_as: Role::Admin,
            birth_year: None,
            sex: None,
            country: None,
            visibility: "private",
            conditions: &[],
            communities: &[],
            seed: 55,
            offset: 0,
        },
    ];
    const COUNTRIES: [&str; 6] = ["NL", "PT", "GB", "DE", "FR", "ES"];
    for n in 1..=quiet {
        out.push(Person {
            login: login(
                Role::Patient,
                "patient",
                "a quiet member with high blood pressure",
                &member_email(n),
                &format!("member{n:02}"),
            ),
            printed: false,
            created_as: Role::Patient,
            birth_year: Some(1948 + (n as i32 * 7) % 45),
            sex: Some(if n % 2 == 0 { "female" } else { "male" }),
            country: Some(COUNTRIES[n % COUNTRIES.len()]),
            visibility: "private",
            conditions: &[("hypertension", 2018, "active", true)],
            communities: &[BP_COMMUNITY],
            seed: 1_000 + n as u64,
            offset: 60,
        });
    }
    out
}

/// A generated reading of one type.
pub struct Reading {
    pub type_slug: &'static str,
    pub unit: Option<&'static str>,
    pub point: Point,
    pub note: Option<&'static str>,
}

fn readings(slug: &'static str, unit: Option<&'static str>, pts: Vec<Point>) -> Vec<Reading> {
    pts.into_iter().map(|point| Reading { type_slug: slug, unit, point, note: None }).collect()
}

/// Each patient's measurements over the last [`DAYS`] days.
pub fn measurements_for(p: &Person, now: DateTime<Utc>) -> Vec<Reading> {
    let mut rng = StdRng::seed_from_u64(p.seed);
    let r = &mut rng;
    let mut out = Vec::new();
    match p.login.handle.as_str() {
        "maria_h" => {
            // Blood pressure twice a day; medication from a third of the way in brings it
            // down over a few weeks; mornings run higher.
            let bp = daily(r, now, DAYS, &[(7, 30), (21, 0)], p.offset, 0.12, |r, t, slot| {
                let morning = if slot == 0 { 4.0 } else { 0.0 };
                let sys = settle(148.0, 131.0, t, 0.33, 0.12) + morning + normal(r, 0.0, 5.5);
                let dia = settle(93.0, 82.0, t, 0.33, 0.12) + morning / 2.0 + normal(r, 0.0, 3.5);
                vec![sys.round(), dia.round().min(sys.round() - 20.0)]
            });
            let mut bp = readings("blood_pressure", None, bp);
            if let Some(first_on_meds) = bp
                .iter_mut()
                .find(|x| x.point.at > now - Duration::days((DAYS as f64 * 0.66) as i64))
            {
                first_on_meds.note = Some("Started amlodipine 5 mg today");
            }
            out.extend(bp);
            let weight = daily(r, now, DAYS, &[(7, 15)], p.offset, 0.25, |r, t, _| {
                vec![86.4 - 3.6 * t + normal(r, 0.0, 0.35)]
            });
            out.extend(readings("body_weight", Some("kg"), weight));
            let hr = daily(r, now, DAYS, &[(7, 35)], p.offset, 0.15, |r, t, _| {
                vec![(settle(76.0, 69.0, t, 0.33, 0.2) + normal(r, 0.0, 4.0)).round()]
            });
            out.extend(readings("heart_rate", None, hr));
            let steps = daily(r, now, DAYS, &[(22, 30)], p.offset, 0.05, |r, t, _| {
                vec![(5200.0 + 2600.0 * t + normal(r, 0.0, 1400.0)).max(400.0).round()]
            });
            out.extend(readings("steps", None, steps));
        }
        "tom_r" => {
            // Fasting glucose improving as the new regimen settles in.
            let glucose = daily(r, now, DAYS, &[(7, 0)], p.offset, 0.1, |r, t, _| {
                vec![(settle(162.0, 121.0, t, 0.1, 0.3) + normal(r, 0.0, 11.0)).round()]
            });
            out.extend(readings("blood_glucose", Some("mg/dL"), glucose));
            // Peak flow morning and evening; a ten-day flare-up about four months ago.
            let flow = daily(r, now, DAYS, &[(7, 10), (20, 30)], p.offset, 0.15, |r, t, slot| {
                let flare = if (0.3..0.36).contains(&t) { -95.0 } else { 0.0 };
                let evening = if slot == 1 { 15.0 } else { 0.0 };
                vec![(445.0 + flare + evening + normal(r, 0.0, 14.0)).round()]
            });
            out.extend(readings("peak_flow", None, flow));
            let weight = daily(r, now, DAYS, &[(7, 5)], p.offset, 0.5, |r, t, _| {
                vec![221.0 - 9.0 * t + normal(r, 0.0, 0.9)]
            });
            // Tom weighs himself in pounds.
            out.extend(readings("body_weight", Some("[lb_av]"), weight));
        }
        "aisha_k" => {
            // Migraine days every week or two, lasting one to three days.
            let mut attack_left = 0u32;
            let pain = daily(r, now, DAYS, &[(21, 30)], p.offset, 0.05, |r, _, _| {
                use rand::Rng;
                if attack_left == 0 && r.gen::<f64>() < 0.09 {
                    attack_left = r.gen_range(1..=3);
                }
                let v = if attack_left > 0 {
                    attack_left -= 1;
                    normal(r, 7.0, 1.0)
                } else {
                    normal(r, 1.2, 0.9)
                };
                vec![v.round().clamp(0.0, 10.0)]
            });
            out.extend(readings("pain", None, pain));
            let mood = daily(r, now, DAYS, &[(21, 35)], p.offset, 0.08, |r, t, _| {
                vec![(5.0 + 2.0 * t + normal(r, 0.0, 1.1)).round().clamp(0.0, 10.0)]
            });
            out.extend(readings("mood", None, mood));
        }
        _ if !p.printed => {
            // A quiet member: a morning reading most days, each at their own level.
            use rand::Rng;
            let base_sys: f64 = r.gen_range(128.0..150.0);
            let drop: f64 = r.gen_range(0.0..12.0);
            let bp = daily(r, now, MEMBER_DAYS, &[(8, 0)], p.offset, 0.3, |r, t, _| {
                let sys = base_sys - drop * t + normal(r, 0.0, 6.0);
                let dia = base_sys * 0.6 - drop * 0.4 * t + normal(r, 0.0, 4.0);
                vec![sys.round(), dia.round().min(sys.round() - 20.0)]
            });
            out.extend(readings("blood_pressure", None, bp));
        }
        _ => {}
    }
    out
}

/// (questionnaire slug, when, answers) for each patient: PHQ-9 for Maria every two weeks,
/// improving with treatment (the last one 16 days ago, so one is due); GAD-7 for Aisha.
pub fn responses_for(
    p: &Person,
    now: DateTime<Utc>,
) -> Vec<(&'static str, DateTime<Utc>, Map<String, Value>)> {
    let mut rng = StdRng::seed_from_u64(p.seed + 1000);
    let (slug, items, start, end): (&str, usize, f64, f64) = match p.login.handle.as_str() {
        "maria_h" => ("phq-9", 9, 15.0, 6.0),
        "aisha_k" => ("gad-7", 7, 12.0, 7.0),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut day = DAYS - 4;
    while day >= 16 {
        let t = 1.0 - day as f64 / DAYS as f64;
        let target = (start + (end - start) * t + normal(&mut rng, 0.0, 1.3)).round().max(0.0);
        // PHQ-9 item 9 (self-harm) stays 0 in the demo history.
        let zero: &[usize] = if slug == "phq-9" { &[8] } else { &[] };
        let answers = spread_score(&mut rng, items, 3, target as u32, zero);
        let mut map = Map::new();
        for (i, a) in answers.iter().enumerate() {
            map.insert(format!("q{}", i + 1), Value::from(*a));
        }
        if slug == "phq-9" {
            map.insert("difficulty".into(), Value::from(u32::from(target >= 10.0)));
        }
        let at =
            now - Duration::days(day) + Duration::minutes(rand::Rng::gen_range(&mut rng, 0..90));
        out.push((slug, at, map));
        day -= 14;
    }
    out
}
