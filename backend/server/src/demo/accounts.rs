//! Creating one demo account with its profile, conditions and history, in one transaction.
//!
//! Every generated reading goes through the same domain checks as the API (type, range, unit,
//! rounding), and every questionnaire response is scored by the same evaluator.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use kindred_app::accounts::{self, Created, NewAccount};
use kindred_app::AppError;
use kindred_db::models::condition::UserCondition;
use kindred_db::models::questionnaire::{Response, ResponseContext};
use kindred_db::models::user::UserChanges;
use kindred_db::queries::{audit, conditions, measurements, questionnaires, users};
use kindred_db::{DbError, DbPool};
use kindred_domain::audit::Action;
use kindred_domain::measurement::{self as m, MeasurementInput, Source};
use kindred_domain::questionnaire::{evaluate, Definition};
use kindred_domain::{Email, Handle};

use super::people::{measurements_for, responses_for, Person, DAYS};

/// Creates `p`'s account (verified, created [`DAYS`] + 3 days ago) with everything it brings;
/// returns (readings, responses) stored.
pub fn create(
    pool: &DbPool,
    p: &Person,
    hash: &str,
    types: &[m::MeasurementTypeDef],
    now: DateTime<Utc>,
) -> anyhow::Result<(usize, usize)> {
    let email = Email::parse(&p.login.email).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let handle =
        Handle::parse_any(&p.login.handle).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let id = kindred_db::new_id();
    let created = (now - Duration::days(DAYS + 3)).naive_utc();

    // Every reading passes the API's own checks.
    let mut rows = Vec::new();
    for r in measurements_for(p, now) {
        let def = m::find_type(types, r.type_slug)
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
    pool.run(|c| {
        kindred_db::write_tx(c, |c| {
            let account = NewAccount {
                id: &id,
                email: &email,
                handle: &handle,
                password_hash: hash,
                role: p.created_as,
                terms_version: None,
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
                    .details(serde_json::json!({ "role": p.created_as.as_str() })),
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
    })
}
