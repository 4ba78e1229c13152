//! `kindred seed demo`: a believable demo world — patients with six months of measurements
//! and questionnaire history, condition communities with threads, replies and a report
//! waiting for their moderator, a researcher whose approved study has a consenting cohort and
//! a ready export, a pending researcher application, and an administrator — so a newcomer
//! sees every role working. Only ever created when asked (`make run` asks; `serve` never
//! does).
//!
//! Everything past the accounts is made through the same use cases as the API
//! (`kindred_app::…`), so the demo obeys the platform's rules. Seeding is idempotent, step by
//! step: a missing account is created, the world (communities, applications, study and
//! consents: one transaction) is made unless the demo study exists, and the export unless the
//! study has one. A second run writes nothing.

mod accounts;
mod people;
mod series;
mod study;
mod world;

use std::path::PathBuf;

use anyhow::bail;
use chrono::{DateTime, TimeDelta, Utc};
use kindred_app::mail::sealed::Outbox;
use kindred_app::AppError;
use kindred_db::queries::{exports as export_rows, users};
use kindred_db::DbPool;
use kindred_domain::account::Role;
use kindred_domain::measurement as m;
use kindred_domain::Password;

use people::{member_email, people, DAYS};
use world::Cast;

/// The demo accounts' password unless `KINDRED_DEMO_PASSWORD` says otherwise. It is printed
/// on the console and in the README: demo accounts are for local trials only.
pub const DEFAULT_PASSWORD: &str = "kindred-demo-garden-2026";

/// Quiet members at least (they fill the study's cohort to k with Maria).
const MIN_QUIET: usize = 10;

/// One printed demo login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// The account's platform role.
    pub role: Role,
    /// What it is printed as: `patient`, `moderator`, `researcher`, `applicant`, `admin`.
    pub label: &'static str,
    /// What the account shows.
    pub who: String,
    /// Email address to sign in with.
    pub email: String,
    /// Handle.
    pub handle: String,
}

/// How to seed.
#[derive(Clone)]
pub struct Options {
    /// The demo accounts' password.
    pub password: String,
    /// The clock the histories end at.
    pub now: DateTime<Utc>,
    /// Where the export file goes (`<data_dir>/exports`).
    pub data_dir: PathBuf,
    /// How the use cases queue mail (application, study and export notices).
    pub outbox: Outbox,
    /// The platform's minimum cohort size k.
    pub min_cohort: i32,
    /// The export worker's lease.
    pub export_lease: TimeDelta,
    /// How long the export file is kept.
    pub export_retention: TimeDelta,
}

impl Options {
    /// The options a server with `settings` would use (its secret must be set).
    pub fn new(settings: &crate::Settings, password: &str, now: DateTime<Utc>) -> Options {
        Options {
            password: password.to_string(),
            now,
            data_dir: settings.data_dir.clone(),
            outbox: Outbox::new(
                &settings.secret.0,
                &settings.public_url,
                settings.email_cooldown_secs,
                settings.email_daily_limit,
            ),
            min_cohort: settings.min_cohort,
            export_lease: TimeDelta::from_std(settings.export_lease)
                .unwrap_or(TimeDelta::minutes(5)),
            export_retention: TimeDelta::days(settings.export_retention_days),
        }
    }
}

/// What `seed` did.
#[derive(Debug)]
pub struct SeedReport {
    /// False when the demo world was already there (nothing written).
    pub created: bool,
    /// The printed logins, one per role (and each printed demo patient).
    pub logins: Vec<DemoLogin>,
    /// Quiet members (not printed one by one).
    pub quiet: usize,
    /// Readings stored.
    pub readings: usize,
    /// Questionnaire responses stored.
    pub responses: usize,
    /// Threads, posts and reports made.
    pub forum: world::Counts,
    /// Members whose consent was recorded (0 when the study existed).
    pub consenting: usize,
    /// Whether the export was written.
    pub exported: bool,
}

/// The lines printed after seeding: one login per role, the shared password, and where to go.
pub fn print_logins(
    out: &mut dyn std::io::Write,
    report: &SeedReport,
    password: &str,
) -> std::io::Result<()> {
    if report.created {
        let mut made = vec![format!(
            "{} readings and {} questionnaire responses over {DAYS} days",
            report.readings, report.responses
        )];
        if report.forum.threads > 0 {
            made.push(format!(
                "{} threads with {} posts and {} open report",
                report.forum.threads, report.forum.posts, report.forum.reports
            ));
        }
        if report.consenting > 0 {
            made.push(format!("a study with {} consenting members", report.consenting));
        }
        if report.exported {
            made.push("one ready export".into());
        }
        writeln!(out, "Demo data created: {}.", made.join("; "))?;
    } else {
        writeln!(out, "Demo data already present; nothing changed.")?;
    }
    writeln!(out, "Demo logins (password for all: {password}):")?;
    for l in &report.logins {
        writeln!(out, "  {:<10} {:<34} {}", l.label, l.email, l.who)?;
    }
    if report.quiet > 0 {
        writeln!(
            out,
            "  and {} quiet patients, {} to {}, who consent to Dr Chen's study",
            report.quiet,
            member_email(1),
            member_email(report.quiet)
        )?;
    }
    Ok(())
}

fn app(e: AppError) -> anyhow::Error {
    anyhow::anyhow!("demo world: {e}")
}

/// Creates whatever part of the demo world is missing. Needs migrations applied and the
/// built-in measurement types, questionnaires, conditions and communities seeded.
pub fn seed(pool: &DbPool, o: &Options) -> anyhow::Result<SeedReport> {
    let quiet = usize::try_from(o.min_cohort - 1).unwrap_or(0).max(MIN_QUIET);
    let people = people(quiet);
    let logins: Vec<DemoLogin> =
        people.iter().filter(|p| p.printed).map(|p| p.login.clone()).collect();
    let mut report = SeedReport {
        created: false,
        logins,
        quiet,
        readings: 0,
        responses: 0,
        forum: world::Counts::default(),
        consenting: 0,
        exported: false,
    };

    let mut missing = Vec::new();
    for p in &people {
        if pool.run(|c| users::find_by_email(c, &p.login.email))?.is_none() {
            missing.push(p);
        }
    }
    if !missing.is_empty() {
        let pw = Password::parse(&o.password, "password", &[]).map_err(|e| {
            anyhow::anyhow!("KINDRED_DEMO_PASSWORD is not acceptable: {}", e.message)
        })?;
        let hash = kindred_app::passwords::hash_blocking(pw.expose())?;
        let types = m::seed_types();
        let fresh = missing.len() == people.len();
        for p in missing {
            let (readings, responses) = accounts::create(pool, p, &hash, &types, o.now)?;
            report.readings += readings;
            report.responses += responses;
        }
        if fresh && report.readings == 0 {
            bail!("the demo generated no readings");
        }
        report.created = true;
    }

    let cast = pool.run(|c| Cast::load(c, &people)).map_err(app)?;
    let study = match pool.run(|c| study::find(c, &cast)).map_err(app)? {
        Some(s) => s,
        None => {
            let (s, forum, consenting) = pool
                .run(|c| {
                    kindred_db::write_tx(c, |c| {
                        let forum = world::communities(c, &o.outbox, &cast, &people)?;
                        world::applications(c, &o.outbox, &cast)?;
                        // Dr Chen is a researcher now.
                        let cast = Cast::load(c, &people)?;
                        let (s, n) =
                            study::approve_and_consent(c, &o.outbox, &cast, &people, o.min_cohort)?;
                        Ok::<_, AppError>((s, forum, n))
                    })
                })
                .map_err(app)?;
            report.forum = forum;
            report.consenting = consenting;
            report.created = true;
            s
        }
    };
    if pool.run(|c| export_rows::list_for_study(c, &study.id, 1))?.is_empty() {
        let cast = pool.run(|c| Cast::load(c, &people)).map_err(app)?;
        study::export(pool, &cast, &study.id, &o.data_dir, o.export_lease, o.export_retention)?;
        report.exported = true;
        report.created = true;
    }
    Ok(report)
}
