//! Consent (DESIGN §6.6): the comprehension check, invitations, granting (a new version when
//! the categories change), withdrawing in one call, the member's receipts; and the cohort
//! preview researchers see, with small counts hidden (`kindred_domain::consent::CohortCount`).
//!
//! Consent events are append-only. A member's consent to a study is their latest event; the
//! `seq` of each event is unique per member and study, so two requests at once cannot both
//! append the same step (the loser gets 409 `consent_changed`, and may retry).

use std::collections::BTreeMap;

use kindred_db::models::study::{ComprehensionCheck, ConsentEvent, Study};
use kindred_db::queries::{audit, consents, studies};
use kindred_db::{DbConn, DbError};
use kindred_domain::audit::Action;
use kindred_domain::consent::{
    check_comprehension, parse_grant, CohortCount, ConsentEventKind, COMPREHENSION_VERSION,
};
use kindred_domain::study::StudyStatus;

use super::applications::institution_of;
use crate::authz::Actor;
use crate::AppError;

/// Records that the actor passed the comprehension check; wrong or missing answers are 422,
/// one error per question with what the right answer means.
pub fn pass_check(
    c: &mut DbConn,
    actor: &Actor,
    answers: &BTreeMap<String, String>,
) -> Result<ComprehensionCheck, AppError> {
    check_comprehension(answers)?;
    let row = ComprehensionCheck {
        user_id: actor.id.clone(),
        version: COMPREHENSION_VERSION,
        passed_at: kindred_db::now_utc().naive_utc(),
    };
    kindred_db::write_tx(c, |c| {
        consents::record_check(c, &row)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ConsentComprehensionPassed, Some(&actor.id))
                .details(serde_json::json!({ "version": COMPREHENSION_VERSION })),
        )?;
        Ok(row.clone())
    })
}

/// The actor's passed check (of the current version), if any.
pub fn check_of(c: &mut DbConn, actor: &Actor) -> Result<Option<ComprehensionCheck>, AppError> {
    Ok(consents::check_of(c, &actor.id)?.filter(|k| k.version >= COMPREHENSION_VERSION))
}

/// An approved, running study a member is invited to, with what they see before consenting.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// The study.
    pub study: Study,
    /// Its owner's institution.
    pub institution: String,
    /// Requested categories with reasons, in order.
    pub categories: Vec<(String, String)>,
    /// The member's latest consent event for it, if any.
    pub mine: Option<ConsentEvent>,
}

fn invitation(c: &mut DbConn, study: Study, user_id: &str) -> Result<Invitation, AppError> {
    let institution = institution_of(c, &study.owner_id)?;
    let categories =
        studies::categories(c, &study.id)?.into_iter().map(|r| (r.category, r.reason)).collect();
    let mine = consents::latest(c, &study.id, user_id)?;
    Ok(Invitation { study, institution, categories, mine })
}

/// The approved, running studies the actor is eligible for.
pub fn invitations(c: &mut DbConn, actor: &Actor) -> Result<Vec<Invitation>, AppError> {
    let today = kindred_db::now_utc().date_naive();
    consents::invitations_for(c, &actor.id, today)?
        .into_iter()
        .map(|s| invitation(c, s, &actor.id))
        .collect()
}

/// A study the actor may consent to: approved, running, and they are eligible (else 404).
fn open_study(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Study, AppError> {
    let study = studies::find(c, id)?.ok_or(AppError::NotFound)?;
    let today = kindred_db::now_utc().date_naive();
    if study.status()? != StudyStatus::Approved || study.ends_on < today {
        return Err(AppError::NotFound);
    }
    if !consents::is_eligible(c, &study.id, &actor.id)? {
        return Err(AppError::NotFound);
    }
    Ok(study)
}

/// What a grant returns: the receipt and whether it is new (false: the same categories were
/// already granted under the same text, nothing changed).
#[derive(Debug, Clone)]
pub struct Granted {
    /// The receipt.
    pub receipt: Invitation,
    /// The grant event.
    pub event: ConsentEvent,
    /// Whether a new version was recorded.
    pub created: bool,
}

fn consent_changed() -> AppError {
    AppError::Conflict {
        code: "consent_changed",
        detail: "Your consent to this study changed at the same moment; reload and try again."
            .into(),
    }
}

/// Grants (or changes) the actor's consent to a study: a confirmed address (403
/// `email_not_verified`), the comprehension check passed (403 `comprehension_required`), the
/// text's SHA-256 as the member saw it (409 `consent_text_changed` otherwise) and a non-empty
/// subset of the requested categories (422).
pub fn grant(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
    categories: &[String],
    consent_sha256: &str,
) -> Result<Granted, AppError> {
    if !actor.email_verified {
        return Err(AppError::Forbidden {
            code: "email_not_verified",
            detail: "Verify your email address first: follow the link we sent you.".into(),
        });
    }
    kindred_db::write_tx(c, |c| {
        let study = open_study(c, actor, id)?;
        if check_of(c, actor)?.is_none() {
            return Err(AppError::Forbidden {
                code: "comprehension_required",
                detail: "Before your first consent, answer three short questions about what \
                         sharing means."
                    .into(),
            });
        }
        if study.consent_sha256.as_deref() != Some(consent_sha256) {
            return Err(AppError::Conflict {
                code: "consent_text_changed",
                detail: "The consent text is not the one you were shown; read it again.".into(),
            });
        }
        let requested: Vec<String> =
            studies::categories(c, &study.id)?.into_iter().map(|r| r.category).collect();
        let granted = parse_grant(&requested, categories)?;
        let last = consents::latest(c, &study.id, &actor.id)?;
        if let Some(l) = last.as_ref().filter(|l| {
            l.granted() && l.category_list() == granted && l.consent_sha256 == consent_sha256
        }) {
            let event = l.clone();
            return Ok(Granted {
                receipt: invitation(c, study, &actor.id)?,
                event,
                created: false,
            });
        }
        // Every grant that changes anything is a new version.
        let version = last.as_ref().map_or(0, |l| l.version) + 1;
        let event = ConsentEvent {
            id: kindred_db::new_id(),
            study_id: study.id.clone(),
            user_id: actor.id.clone(),
            seq: last.as_ref().map_or(1, |l| l.seq + 1),
            kind: ConsentEventKind::Granted.as_str().into(),
            version,
            categories: serde_json::to_string(&granted).unwrap_or_else(|_| "[]".into()),
            consent_sha256: consent_sha256.to_string(),
            created_at: kindred_db::now_utc().naive_utc(),
        };
        match consents::append(c, &event) {
            Err(DbError::UniqueViolation { .. }) => return Err(consent_changed()),
            other => other?,
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ConsentGranted, Some(&actor.id))
                .subject("study", &study.id)
                .details(serde_json::json!({ "version": version, "categories": granted })),
        )?;
        Ok(Granted { receipt: invitation(c, study, &actor.id)?, event, created: true })
    })
}

/// Withdraws the actor's consent to a study in one call (404 when they have none active).
/// Works on a closed study too: withdrawing is always possible.
pub fn withdraw(c: &mut DbConn, actor: &Actor, id: &str) -> Result<ConsentEvent, AppError> {
    kindred_db::write_tx(c, |c| {
        let last = consents::latest(c, id, &actor.id)?
            .filter(ConsentEvent::granted)
            .ok_or(AppError::NotFound)?;
        let event = consents::withdrawal_of(&last, kindred_db::now_utc().naive_utc());
        match consents::append(c, &event) {
            Err(DbError::UniqueViolation { .. }) => return Err(consent_changed()),
            other => other?,
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ConsentWithdrawn, Some(&actor.id))
                .subject("study", id)
                .details(serde_json::json!({ "version": last.version })),
        )?;
        Ok(event)
    })
}

/// A consent event with its study, as the member's receipt.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The event.
    pub event: ConsentEvent,
    /// The study's title.
    pub study_title: String,
    /// Its owner's institution.
    pub institution: String,
}

/// Every consent event of the actor, newest first (current and past).
pub fn receipts(c: &mut DbConn, actor: &Actor) -> Result<Vec<Receipt>, AppError> {
    let events = consents::events_of(c, &actor.id)?;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let study = studies::find(c, &event.study_id)?.ok_or(AppError::NotFound)?;
        let institution = institution_of(c, &study.owner_id)?;
        out.push(Receipt { event, study_title: study.title, institution });
    }
    Ok(out)
}

/// One of the actor's receipts (someone else's: 404).
pub fn receipt(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Receipt, AppError> {
    let event = consents::find_of(c, id, &actor.id)?.ok_or(AppError::NotFound)?;
    let study = studies::find(c, &event.study_id)?.ok_or(AppError::NotFound)?;
    let institution = institution_of(c, &study.owner_id)?;
    Ok(Receipt { event, study_title: study.title, institution })
}

/// A study's cohort as its researchers and admins see it: eligible members and current
/// consents, overall and per requested category, each shown as [`CohortCount`].
#[derive(Debug, Clone)]
pub struct Cohort {
    /// The study's minimum cohort size.
    pub k: i64,
    /// Eligible members (active, confirmed address).
    pub eligible: CohortCount,
    /// Members whose consent is active.
    pub consenting: CohortCount,
    /// Per requested category: members whose active consent grants it.
    pub categories: Vec<(String, CohortCount)>,
}

/// The cohort preview of a study (its researchers and admins; anyone else 404).
pub fn cohort(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Cohort, AppError> {
    let detail = super::studies::get(c, actor, id)?;
    let k = i64::from(detail.study.min_cohort);
    let eligible = consents::count_eligible(c, &detail.study.id)?;
    let active = consents::active_for_study(c, &detail.study.id)?;
    let categories = detail
        .categories
        .iter()
        .map(|cat| {
            let n = active.iter().filter(|e| e.category_list().contains(&cat.category)).count();
            (cat.category.clone(), CohortCount::of(n as i64, k))
        })
        .collect();
    Ok(Cohort {
        k,
        eligible: CohortCount::of(eligible, k),
        consenting: CohortCount::of(active.len() as i64, k),
        categories,
    })
}
