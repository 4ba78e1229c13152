//! Dr Chen's study, through the same use cases as the API: drafted, submitted and approved
//! by the administrator; Maria and the quiet members pass the comprehension check and
//! consent; then one real export, written by the real export worker, so its file, manifest
//! and every member's data-access row are genuine.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

use anyhow::{bail, Context};
use chrono::{Duration, TimeDelta};
use kindred_app::authz::{self, Actor};
use kindred_app::mail::sealed::Outbox;
use kindred_app::research::consent;
use kindred_app::research::export_writer::Exporter;
use kindred_app::research::exports::{self, ExportFiles};
use kindred_app::research::studies::{self, Decision, StudyFields};
use kindred_app::AppError;
use kindred_db::models::study::Study;
use kindred_db::queries::exports as export_rows;
use kindred_db::{DbConn, DbPool};
use kindred_domain::consent::QUESTIONS;
use kindred_domain::export::ExportStatus;
use kindred_domain::study::{
    parse_categories, parse_ethics_reference, parse_lay_summary, parse_purpose, parse_title,
    DateMode,
};

use super::people::Person;
use super::world::Cast;

/// The demo study's title (how a later seed finds it).
pub const TITLE: &str = "Home blood pressure in the first months of treatment";

const CATEGORIES: [(&str, &str); 3] = [
    ("demographics", "To describe who took part, by age band and country."),
    ("conditions", "To see which other conditions go with high blood pressure."),
    ("measurement:blood_pressure", "Home readings are what the study is about."),
];

/// Dr Chen's demo study, if it exists.
pub fn find(c: &mut DbConn, cast: &Cast) -> Result<Option<Study>, AppError> {
    let chen = cast.user("dr_chen")?;
    Ok(kindred_db::queries::studies::list_for_member(c, &chen.id, None, 100)?
        .into_iter()
        .find(|s| s.title == TITLE))
}

fn fields(min_cohort: i32) -> Result<StudyFields, AppError> {
    let today = kindred_db::now_utc().date_naive();
    let cats: Vec<(String, String)> =
        CATEGORIES.iter().map(|(c, r)| (c.to_string(), r.to_string())).collect();
    Ok(StudyFields {
        title: Some(parse_title(TITLE)?),
        lay_summary: Some(parse_lay_summary(
            "We want to learn how blood pressure measured at home changes in the months after \
             people start or change treatment, and how often they keep measuring. If you \
             agree, we receive your age band, country, conditions and blood pressure readings \
             under a random code: never your name, email, handle or posts.",
        )?),
        purpose: Some(parse_purpose(
            "Describe trajectories of home systolic and diastolic blood pressure after \
             treatment changes, and adherence to home monitoring, in a community-recruited \
             cohort.",
        )?),
        ethics_reference: Some(parse_ethics_reference("METC-LUMC 2026-041 (demo)")?),
        data_from: Some(today - Duration::days(365)),
        data_to: Some(today),
        ends_on: Some(today + Duration::days(365)),
        min_cohort: Some(min_cohort),
        categories: Some(parse_categories(&cats)?),
        conditions: Some(vec!["hypertension".into()]),
        communities: None,
    })
}

/// Drafts, submits and approves the study, then has Maria and every quiet member consent to
/// all it asks for; returns the study and how many consent. In the caller's transaction.
pub fn approve_and_consent(
    c: &mut DbConn,
    outbox: &Outbox,
    cast: &Cast,
    people: &[Person],
    min_cohort: i32,
) -> Result<(Study, usize), AppError> {
    let chen = cast.actor("dr_chen")?;
    let admin = authz::require_admin(&cast.actor("kindred_admin")?)?;
    let draft = studies::create(c, &chen, min_cohort, &fields(min_cohort)?)?;
    studies::submit(c, &chen, &draft.study.id, min_cohort)?;
    let approved = studies::decide(
        c,
        outbox,
        &admin,
        &draft.study.id,
        Decision::Approve { date_mode: DateMode::Relative, note: None },
    )?
    .study;
    let sha = approved.consent_sha256.clone().unwrap_or_default();
    let answers: BTreeMap<String, String> =
        QUESTIONS.iter().map(|q| (q.id.to_string(), q.answer.to_string())).collect();
    let categories: Vec<String> = CATEGORIES.iter().map(|(c, _)| c.to_string()).collect();
    let mut consenting = 0;
    for p in people.iter().filter(|p| !p.printed || p.login.handle == "maria_h") {
        let member: Actor = cast.actor(&p.login.handle)?;
        consent::pass_check(c, &member, &answers)?;
        consent::grant(c, &member, &approved.id, &categories, &sha)?;
        consenting += 1;
    }
    Ok((approved, consenting))
}

/// Asks for one CSV export of the study as Dr Chen and runs the export worker until it is
/// written (another worker, such as a running server's, may finish it instead).
pub fn export(
    pool: &DbPool,
    cast: &Cast,
    study_id: &str,
    data_dir: &Path,
    lease: TimeDelta,
    retention: TimeDelta,
) -> anyhow::Result<()> {
    let chen = cast.actor("dr_chen")?;
    let requested = pool.run(|c| exports::request(c, &chen, study_id, "csv"))?;
    let exporter = Exporter {
        files: ExportFiles::new(data_dir).context("creating the export directory")?,
        lease,
        retention,
        batch_rows: kindred_app::research::export_writer::BATCH_ROWS,
    };
    let deadline = Instant::now() + StdDuration::from_secs(60);
    loop {
        exporter.run_once(pool)?;
        let e = pool
            .run(|c| export_rows::find(c, &requested.id))?
            .context("the demo export disappeared")?;
        match e.status()? {
            ExportStatus::Ready => return Ok(()),
            ExportStatus::Queued | ExportStatus::Running if Instant::now() < deadline => {
                std::thread::sleep(StdDuration::from_millis(50));
            }
            status => {
                bail!("the demo export ended {}: {}", status.as_str(), e.error.unwrap_or_default())
            }
        }
    }
}
