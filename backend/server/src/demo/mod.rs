//! `kindred seed demo`: a believable demo world — three patients with six months of
//! measurements and questionnaire history, a researcher and an administrator — so a newcomer
//! sees the product working. Only ever created when asked (`make run` asks; `serve` never does).
//!
//! Every generated reading goes through the same domain checks as the API (type, range, unit,
//! rounding), and every questionnaire response is scored by the same evaluator.

mod series;

use anyhow::{bail, Context};
use chrono::{DateTime, Duration, Utc};
use kindred_app::accounts::{self, Created, NewAccount};
use kindred_app::AppError;
use kindred_db::models::condition::UserCondition;
use kindred_db::models::questionnaire::{Response, ResponseContext};
use kindred_db::models::user::UserChanges;
use kindred_db::queries::{audit, conditions, measurements, questionnaires, users};
use kindred_db::{DbError, DbPool};
use kindred_domain::account::Role;
use kindred_domain::audit::Action;
use kindred_domain::measurement::{self as m, MeasurementInput, Source};
use kindred_domain::questionnaire::{evaluate, Definition};
use kindred_domain::{Email, Handle, Password};
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{Map, Value};

use series::{daily, normal, settle, spread_score, Point};

/// The demo accounts' password unless `KINDRED_DEMO_PASSWORD` says otherwise. It is printed
/// on the console and in the README: demo accounts are for local trials only.
pub const DEFAULT_PASSWORD: &str = "kindred-demo-garden-2026";

/// How far back the demo history goes.
const DAYS: i64 = 180;

/// One printed demo login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// The account's role.
    pub role: Role,
    /// What the account shows.
    pub who: &'static str,
    /// Email address to sign in with.
    pub email: &'static str,
    /// Handle.
    pub handle: &'static str,
}

/// What `seed` did.
#[derive(Debug)]
pub struct SeedReport {
    /// False when the demo world was already there (nothing written).
    pub created: bool,
    /// The logins, one per role (and each demo patient).
    pub logins: Vec<DemoLogin>,
    /// Readings stored.
    pub readings: usize,
    /// Questionnaire responses stored.
    pub responses: usize,
}

struct Person {
    login: DemoLogin,
    birth_year: Option<i32>,
    sex: Option<&'static str>,
    country: Option<&'static str>,
    visibility: &'static str,
    /// (condition slug, diagnosis year, status, primary)
    conditions: &'static [(&'static str, i32, &'static str, bool)],
    /// Stable seed for this person's numbers.
    seed: u64,
    /// Minutes east of UTC where they live.
    offset: i32,
}

fn people() -> Vec<Person> {
    vec![
        Person {
            login: DemoLogin {
                role: Role::Patient,
                who: "Maria: high blood pressure and depression; started treatment two months in",
                email: "maria@demo.kindred.example",
                handle: "maria_h",
            },
            birth_year: Some(1968),
            sex: Some("female"),
            country: Some("PT"),
            visibility: "members",
            conditions: &[
                ("hypertension", 2019, "active", true),
                ("depression", 2021, "active", false),
            ],
            seed: 11,
            offset: 0,
        },
        Person {
            login: DemoLogin {
                role: Role::Patient,
                who: "Tom: type 2 diabetes and asthma, with an asthma flare-up four months ago",
                email: "tom@demo.kindred.example",
                handle: "tom_r",
            },
            birth_year: Some(1975),
            sex: Some("male"),
            country: Some("GB"),
            visibility: "members",
            conditions: &[
                ("type-2-diabetes", 2020, "active", true),
                ("asthma", 1992, "active", false),
            ],
            seed: 22,
            offset: 0,
        },
        Person {
            login: DemoLogin {
                role: Role::Patient,
                who: "Aisha: migraine and generalized anxiety",
                email: "aisha@demo.kindred.example",
                handle: "aisha_k",
            },
            birth_year: Some(1990),
            sex: Some("female"),
            country: Some("DE"),
            visibility: "private",
            conditions: &[
                ("migraine", 2012, "active", true),
                ("generalized-anxiety", 2022, "in_remission", false),
            ],
            seed: 33,
            offset: 60,
        },
        Person {
            login: DemoLogin {
                role: Role::Researcher,
                who: "Dr Chen: a verified researcher",
                email: "researcher@demo.kindred.example",
                handle: "dr_chen",
            },
            birth_year: None,
            sex: None,
            country: Some("NL"),
            visibility: "public",
            conditions: &[],
            seed: 44,
            offset: 60,
        },
        Person {
            login: DemoLogin {
                role: Role::Admin,
                who: "the platform administrator",
                email: "admin@demo.kindred.example",
                handle: "kindred_admin",
            },
            birth_year: None,
            sex: None,
            country: None,
            visibility: "private",
            conditions: &[],
            seed: 55,
            offset: 0,
        },
    ]
}

/// A generated reading of one type.
struct Reading {
    type_slug: &'static str,
    unit: Option<&'static str>,
    point: Point,
    note: Option<&'static str>,
}

fn readings(slug: &'static str, unit: Option<&'static str>, pts: Vec<Point>) -> Vec<Reading> {
    pts.into_iter().map(|point| Reading { type_slug: slug, unit, point, note: None }).collect()
}

/// Each patient's measurements over the last [`DAYS`] days.
fn measurements_for(p: &Person, now: DateTime<Utc>) -> Vec<Reading> {
    let mut rng = StdRng::seed_from_u64(p.seed);
    let r = &mut rng;
    let mut out = Vec::new();
    match p.login.handle {
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
        _ => {}
    }
    out
}

/// (questionnaire slug, when, answers) for each patient: PHQ-9 for Maria every two weeks,
/// improving with treatment (the last one 16 days ago, so one is due); GAD-7 for Aisha.
fn responses_for(
    p: &Person,
    now: DateTime<Utc>,
) -> Vec<(&'static str, DateTime<Utc>, Map<String, Value>)> {
    let mut rng = StdRng::seed_from_u64(p.seed + 1000);
    let (slug, items, start, end): (&str, usize, f64, f64) = match p.login.handle {
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

/// The lines printed after seeding: one login per role, the shared password, and where to go.
pub fn print_logins(
    out: &mut dyn std::io::Write,
    report: &SeedReport,
    password: &str,
) -> std::io::Result<()> {
    if report.created {
        writeln!(
            out,
            "Demo data created: {} readings and {} questionnaire responses over {DAYS} days.",
            report.readings, report.responses
        )?;
    } else {
        writeln!(out, "Demo data already present; nothing changed.")?;
    }
    writeln!(out, "Demo logins (password for all: {password}):")?;
    for l in &report.logins {
        writeln!(out, "  {:<10} {:<34} {}", l.role.as_str(), l.email, l.who)?;
    }
    writeln!(
        out,
        "Moderators are appointed per community; communities arrive in a later release."
    )?;
    Ok(())
}

/// Creates the demo world unless its first account already exists. Needs migrations applied
/// and the built-in measurement types and questionnaires seeded.
pub fn seed(pool: &DbPool, password: &str, now: DateTime<Utc>) -> anyhow::Result<SeedReport> {
    let people = people();
    let logins: Vec<DemoLogin> = people.iter().map(|p| p.login.clone()).collect();
    let first = people.first().map(|p| p.login.email).unwrap_or_default();
    if pool.run(|c| users::find_by_email(c, first))?.is_some() {
        return Ok(SeedReport { created: false, logins, readings: 0, responses: 0 });
    }
    let pw = Password::parse(password, "password", &[])
        .map_err(|e| anyhow::anyhow!("KINDRED_DEMO_PASSWORD is not acceptable: {}", e.message))?;
    let hash = kindred_app::passwords::hash_blocking(pw.expose())?;
    let types = m::seed_types();
    let (mut n_readings, mut n_responses) = (0, 0);

    for p in &people {
        let email = Email::parse(p.login.email).map_err(|e| anyhow::anyhow!("{}", e.message))?;
        let handle =
            Handle::parse_any(p.login.handle).map_err(|e| anyhow::anyhow!("{}", e.message))?;
        let id = kindred_db::new_id();
        let created = (now - Duration::days(DAYS + 3)).naive_utc();

        // Every reading passes the API's own checks.
        let mut rows = Vec::new();
        for r in measurements_for(p, now) {
            let def = m::find_type(&types, r.type_slug)
                .with_context(|| format!("no measurement type {}", r.type_slug))?;
            let offset = chrono::FixedOffset::east_opt(p.offset * 60).context("offset")?;
            let mut input = MeasurementInput {
                type_slug: r.type_slug.into(),
                unit: r.unit.map(str::to_string),
                taken_at: r.point.at.with_timezone(&offset).to_rfc3339(),
                source: Some(Source::Manual),
                note: r.note.map(str::to_string),
                ..MeasurementInput::default()
            };
            if def.is_multi() {
                input.components = Some(
                    def.components
                        .iter()
                        .zip(&r.point.values)
                        .map(|(c, v)| (c.key.clone(), *v))
                        .collect(),
                );
            } else {
                input.value = r.point.values.first().copied();
            }
            let v = m::validate(def, &input, now)
                .map_err(|e| anyhow::anyhow!("demo reading {} rejected: {e}", r.type_slug))?;
            // Stored as if logged when taken.
            let mut row = kindred_db::models::measurement::Measurement::from_valid(&id, &v);
            row.created_at = row.taken_at;
            row.updated_at = row.taken_at;
            rows.push(row);
        }
        let mut scored = Vec::new();
        for (slug, at, answers) in responses_for(p, now) {
            let (q, v) = pool
                .run(|c| {
                    let q = questionnaires::find_by_slug(c, slug)?.ok_or(DbError::NotFound)?;
                    let v = questionnaires::version(c, &q.id, 1)?.ok_or(DbError::NotFound)?;
                    Ok::<_, DbError>((q, v))
                })
                .with_context(|| format!("questionnaire {slug} version 1"))?;
            let def: Definition = serde_json::from_str(&v.definition)?;
            let eval = evaluate(&def, &answers)
                .map_err(|e| anyhow::anyhow!("demo answers to {slug} rejected: {e}"))?;
            scored.push(Response::from_evaluation(
                ResponseContext {
                    user_id: &id,
                    questionnaire_id: &q.id,
                    version_id: &v.id,
                    client_id: None,
                    submitted_at: at.naive_utc(),
                },
                &eval,
            ));
        }

        let login = &p.login;
        let (readings, responses) = pool
            .run(|c| {
                kindred_db::write_tx(c, |c| {
                    let account = NewAccount {
                        id: &id,
                        email: &email,
                        handle: &handle,
                        password_hash: &hash,
                        role: login.role,
                        verified_at: Some(created.and_utc()),
                        created_at: created.and_utc(),
                    };
                    if accounts::create(c, &account)? == Created::EmailTaken {
                        return Err(AppError::Conflict {
                            code: "email_taken",
                            detail: "the email address is taken".into(),
                        });
                    }
                    users::update(
                        c,
                        &id,
                        &UserChanges {
                            visibility: Some(p.visibility.into()),
                            birth_year: Some(p.birth_year),
                            sex: Some(p.sex.map(str::to_string)),
                            country: Some(p.country.map(str::to_string)),
                            ..UserChanges::default()
                        },
                    )?;
                    for (slug, year, status, primary) in p.conditions {
                        let cond = conditions::find_by_slug(c, slug)?.ok_or(DbError::NotFound)?;
                        conditions::add_for_user(
                            c,
                            &UserCondition {
                                id: kindred_db::new_id(),
                                user_id: id.clone(),
                                condition_id: cond.id,
                                diagnosis_year: Some(*year),
                                status: (*status).into(),
                                is_primary: *primary,
                                created_at: created,
                            },
                        )?;
                    }
                    for chunk in rows.chunks(500) {
                        measurements::insert_many(c, chunk)?;
                    }
                    for (r, items) in &scored {
                        questionnaires::insert_response(c, r, items)?;
                    }
                    audit::record(
                        c,
                        &audit::NewAuditEvent::new(Action::DemoAccountCreated, None)
                            .subject("user", &id)
                            .details(serde_json::json!({ "role": login.role.as_str() })),
                    )?;
                    Ok::<_, AppError>((rows.len(), scored.len()))
                })
            })
            .map_err(|e| match e {
                AppError::Validation(_) | AppError::Conflict { .. } => anyhow::anyhow!(
                    "cannot create demo account {} ({e}); use a fresh database for the demo",
                    login.email
                ),
                e => anyhow::anyhow!("{e}"),
            })?;
        n_readings += readings;
        n_responses += responses;
    }
    if n_readings == 0 {
        bail!("the demo generated no readings");
    }
    Ok(SeedReport { created: true, logins, readings: n_readings, responses: n_responses })
}
