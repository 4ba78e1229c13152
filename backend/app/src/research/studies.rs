//! Studies (DESIGN §6.6): a researcher drafts one, the owner adds fellow researchers by
//! handle, a researcher of the study submits it, an admin approves it (choosing the date
//! mode; the consent text is fixed then) or rejects it with a reason. `draft` and `rejected`
//! studies may change; `submitted` and `approved` ones are frozen; an approved study past its
//! last day is closed (by the hourly job, and at once by any use of it).
//!
//! Who sees a study: its researchers and admins; anyone else is answered 404.

use chrono::NaiveDate;
use kindred_db::models::study::{Study, StudyCategory, StudyEligibility, StudyMember};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::{audit, conditions, forum, measurements, questionnaires};
use kindred_db::queries::{consents, studies, users};
use kindred_db::DbConn;
use kindred_domain::account::Role;
use kindred_domain::audit::Action;
use kindred_domain::study::{
    check_dates, check_min_cohort, consent_sha256, consent_text, Category, ConsentTerms, DateMode,
    StudyStatus, MAX_ELIGIBILITY,
};
use kindred_domain::{FieldError, Handle};

use crate::authz::{Actor, Admin};
use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::AppError;

/// A study's fields as a researcher writes them (text already checked by the domain
/// parsers; slugs are resolved here).
#[derive(Debug, Clone, Default)]
pub struct StudyFields {
    /// Title.
    pub title: Option<String>,
    /// Lay summary.
    pub lay_summary: Option<String>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Ethics reference.
    pub ethics_reference: Option<String>,
    /// Data window, first day.
    pub data_from: Option<NaiveDate>,
    /// Data window, last day.
    pub data_to: Option<NaiveDate>,
    /// Last day of the study.
    pub ends_on: Option<NaiveDate>,
    /// Minimum cohort size.
    pub min_cohort: Option<i32>,
    /// Requested categories with reasons.
    pub categories: Option<Vec<(Category, String)>>,
    /// Eligible conditions, by slug.
    pub conditions: Option<Vec<String>>,
    /// Eligible communities, by slug.
    pub communities: Option<Vec<String>>,
}

/// One eligible condition or community, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Eligible {
    /// `condition` or `community`.
    pub kind: String,
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
}

/// A study with everything a reader of it sees.
#[derive(Debug, Clone)]
pub struct StudyDetail {
    /// The row.
    pub study: Study,
    /// Its researchers and their handles.
    pub members: Vec<(StudyMember, String)>,
    /// Who is eligible.
    pub eligibility: Vec<Eligible>,
    /// Requested categories.
    pub categories: Vec<StudyCategory>,
}

fn not_a_researcher() -> AppError {
    AppError::Forbidden {
        code: "not_a_researcher",
        detail: "Only verified researchers can draft studies: apply first.".into(),
    }
}

fn frozen() -> AppError {
    AppError::Conflict {
        code: "study_frozen",
        detail: "A submitted or approved study cannot change; a change means a new study.".into(),
    }
}

/// New eligibility and categories rows (`None`: not sent, unchanged).
type Resolved = (Option<Vec<StudyEligibility>>, Option<Vec<StudyCategory>>);

/// Checks that the slugs of `fields` exist and turns them into rows; 422 on the first that
/// does not.
fn resolve(c: &mut DbConn, study_id: &str, fields: &StudyFields) -> Result<Resolved, AppError> {
    let eligibility = match (&fields.conditions, &fields.communities) {
        (None, None) => None,
        (conds, comms) => {
            let (conds, comms) =
                (conds.clone().unwrap_or_default(), comms.clone().unwrap_or_default());
            if conds.is_empty() && comms.is_empty() {
                return Err(FieldError::new(
                    "conditions",
                    "required",
                    "Name at least one condition or community whose members are eligible.",
                )
                .into());
            }
            if conds.len() + comms.len() > MAX_ELIGIBILITY {
                return Err(FieldError::new(
                    "conditions",
                    "too_many",
                    format!("At most {MAX_ELIGIBILITY} conditions and communities together."),
                )
                .into());
            }
            let mut rows = Vec::new();
            for (i, slug) in conds.iter().enumerate() {
                let cond = conditions::find_by_slug(c, slug)?.ok_or_else(|| {
                    FieldError::new(format!("conditions[{i}]"), "unknown", "No such condition.")
                })?;
                rows.push(("condition", cond.id));
            }
            for (i, slug) in comms.iter().enumerate() {
                let comm = forum::find_community(c, slug)?.ok_or_else(|| {
                    FieldError::new(format!("communities[{i}]"), "unknown", "No such community.")
                })?;
                rows.push(("community", comm.id));
            }
            rows.sort();
            rows.dedup();
            Some(
                rows.into_iter()
                    .map(|(kind, ref_id)| StudyEligibility {
                        study_id: study_id.to_string(),
                        kind: kind.to_string(),
                        ref_id,
                    })
                    .collect(),
            )
        }
    };
    let categories = match &fields.categories {
        None => None,
        Some(cats) => {
            let types = measurements::list_types(c)?;
            for (i, (cat, _)) in cats.iter().enumerate() {
                let known = match cat {
                    Category::Demographics | Category::Conditions => true,
                    Category::Questionnaire(s) => questionnaires::find_by_slug(c, s)?.is_some(),
                    Category::Measurement(s) => types.iter().any(|t| &t.slug == s),
                };
                if !known {
                    return Err(FieldError::new(
                        format!("categories[{i}].category"),
                        "unknown_category",
                        "No such questionnaire or measurement type.",
                    )
                    .into());
                }
            }
            Some(
                cats.iter()
                    .enumerate()
                    .map(|(i, (cat, reason))| StudyCategory {
                        study_id: study_id.to_string(),
                        category: cat.as_string(),
                        reason: reason.clone(),
                        position: i as i32,
                    })
                    .collect(),
            )
        }
    };
    Ok((eligibility, categories))
}

/// Drafts a study owned by the actor, who must be a researcher (403 `not_a_researcher`).
/// Every field is required.
pub fn create(
    c: &mut DbConn,
    actor: &Actor,
    platform_min: i32,
    f: &StudyFields,
) -> Result<StudyDetail, AppError> {
    if actor.role != Role::Researcher {
        return Err(not_a_researcher());
    }
    let missing = |field: &str| FieldError::new(field, "required", "Required.");
    let mut errs = kindred_domain::FieldErrors::new();
    for (name, present) in [
        ("title", f.title.is_some()),
        ("lay_summary", f.lay_summary.is_some()),
        ("purpose", f.purpose.is_some()),
        ("ethics_reference", f.ethics_reference.is_some()),
        ("data_from", f.data_from.is_some()),
        ("data_to", f.data_to.is_some()),
        ("ends_on", f.ends_on.is_some()),
        ("categories", f.categories.is_some()),
    ] {
        if !present {
            errs.push(missing(name));
        }
    }
    if f.conditions.is_none() && f.communities.is_none() {
        errs.push(missing("conditions"));
    }
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let now = kindred_db::now_utc().naive_utc();
    let req = |o: &Option<String>| o.clone().unwrap_or_default();
    let (Some(data_from), Some(data_to), Some(ends_on)) = (f.data_from, f.data_to, f.ends_on)
    else {
        return Err(missing("data_from").into());
    };
    check_dates(data_from, data_to, ends_on)?;
    let min_cohort = check_min_cohort(f.min_cohort.unwrap_or(platform_min), platform_min)?;
    let study = Study {
        id: kindred_db::new_id(),
        owner_id: actor.id.clone(),
        title: req(&f.title),
        lay_summary: req(&f.lay_summary),
        purpose: req(&f.purpose),
        ethics_reference: req(&f.ethics_reference),
        data_from,
        data_to,
        ends_on,
        min_cohort,
        status: StudyStatus::Draft.as_str().into(),
        date_mode: None,
        review_reason: None,
        reviewed_by: None,
        reviewed_at: None,
        submitted_at: None,
        closed_at: None,
        consent_text: None,
        consent_sha256: None,
        created_at: now,
        updated_at: now,
    };
    kindred_db::write_tx(c, |c| {
        let (eligibility, categories) = resolve(c, &study.id, f)?;
        studies::insert(c, &study)?;
        studies::add_member(
            c,
            &StudyMember { study_id: study.id.clone(), user_id: actor.id.clone(), added_at: now },
        )?;
        studies::set_eligibility(c, &study.id, &eligibility.unwrap_or_default())?;
        studies::set_categories(c, &study.id, &categories.unwrap_or_default())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchStudyCreated, Some(&actor.id))
                .subject("study", &study.id),
        )?;
        detail(c, study.clone())
    })
}

/// The study as its researchers and admins see it; anyone else: 404. An approved study past
/// its last day is closed first.
pub fn get(c: &mut DbConn, actor: &Actor, id: &str) -> Result<StudyDetail, AppError> {
    let study = readable(c, actor, id)?;
    let study = close_if_ended(c, study, kindred_db::now_utc().date_naive())?;
    detail(c, study)
}

/// The study if the actor is one of its researchers or an admin; otherwise not found.
fn readable(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Study, AppError> {
    let study = studies::find(c, id)?.ok_or(AppError::NotFound)?;
    if actor.role == Role::Admin || studies::is_member(c, &study.id, &actor.id)? {
        Ok(study)
    } else {
        Err(AppError::NotFound)
    }
}

/// The study if the actor is one of its researchers (admins review, they do not edit);
/// otherwise not found (403 for an admin).
fn researched(c: &mut DbConn, actor: &Actor, id: &str) -> Result<Study, AppError> {
    let study = readable(c, actor, id)?;
    if studies::is_member(c, &study.id, &actor.id)? {
        Ok(study)
    } else {
        Err(AppError::Forbidden {
            code: "not_a_study_researcher",
            detail: "Only the study's researchers can change it.".into(),
        })
    }
}

fn detail(c: &mut DbConn, study: Study) -> Result<StudyDetail, AppError> {
    let members = studies::members(c, &study.id)?;
    let categories = studies::categories(c, &study.id)?;
    let all_conditions = conditions::list(c)?;
    let mut eligibility = Vec::new();
    for e in studies::eligibility(c, &study.id)? {
        let shown = if e.kind == "condition" {
            all_conditions
                .iter()
                .find(|x| x.id == e.ref_id)
                .map(|x| (x.slug.clone(), x.name.clone()))
        } else {
            forum::community_by_id(c, &e.ref_id)?.map(|x| (x.slug, x.name))
        };
        if let Some((slug, name)) = shown {
            eligibility.push(Eligible { kind: e.kind, slug, name });
        }
    }
    Ok(StudyDetail { study, members, eligibility, categories })
}

/// Closes an approved study whose last day is before `today` (audited once); other studies
/// are returned as they are.
fn close_if_ended(c: &mut DbConn, study: Study, today: NaiveDate) -> Result<Study, AppError> {
    if study.status()? != StudyStatus::Approved || study.ends_on >= today {
        return Ok(study);
    }
    kindred_db::write_tx(c, |c| {
        let mut closed = study.clone();
        let now = kindred_db::now_utc().naive_utc();
        closed.status = StudyStatus::Closed.as_str().into();
        closed.closed_at = Some(now);
        closed.updated_at = now;
        if studies::transition(c, &closed, StudyStatus::Approved.as_str())? {
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::ResearchStudyClosed, None)
                    .subject("study", &closed.id),
            )?;
        }
        studies::find(c, &closed.id)?.ok_or(AppError::NotFound)
    })
}

/// Closes every approved study past its last day (the hourly job); how many closed.
pub fn close_ended(c: &mut DbConn, today: NaiveDate) -> Result<usize, AppError> {
    let mut n = 0;
    for s in studies::ended(c, today)? {
        if close_if_ended(c, s, today)?.status()? == StudyStatus::Closed {
            n += 1;
        }
    }
    Ok(n)
}

/// Changes the given fields of a draft or rejected study (409 `study_frozen` otherwise).
pub fn update(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
    platform_min: i32,
    f: &StudyFields,
) -> Result<StudyDetail, AppError> {
    kindred_db::write_tx(c, |c| {
        let mut s = researched(c, actor, id)?;
        if !s.status()?.editable() {
            return Err(frozen());
        }
        if let Some(v) = &f.title {
            s.title = v.clone();
        }
        if let Some(v) = &f.lay_summary {
            s.lay_summary = v.clone();
        }
        if let Some(v) = &f.purpose {
            s.purpose = v.clone();
        }
        if let Some(v) = &f.ethics_reference {
            s.ethics_reference = v.clone();
        }
        s.data_from = f.data_from.unwrap_or(s.data_from);
        s.data_to = f.data_to.unwrap_or(s.data_to);
        s.ends_on = f.ends_on.unwrap_or(s.ends_on);
        check_dates(s.data_from, s.data_to, s.ends_on)?;
        if let Some(k) = f.min_cohort {
            s.min_cohort = check_min_cohort(k, platform_min)?;
        }
        s.updated_at = kindred_db::now_utc().naive_utc();
        let (eligibility, categories) = resolve(c, &s.id, f)?;
        studies::update(c, &s)?;
        if let Some(rows) = eligibility {
            studies::set_eligibility(c, &s.id, &rows)?;
        }
        if let Some(rows) = categories {
            studies::set_categories(c, &s.id, &rows)?;
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchStudyUpdated, Some(&actor.id))
                .subject("study", &s.id),
        )?;
        detail(c, s)
    })
}

/// Submits a draft or rejected study for review (409 `study_frozen` when submitted or
/// approved already, `study_closed` when closed). A study whose last day has passed, or whose
/// k is below today's platform minimum, is refused (422).
pub fn submit(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
    platform_min: i32,
) -> Result<StudyDetail, AppError> {
    kindred_db::write_tx(c, |c| {
        let mut s = researched(c, actor, id)?;
        let status = s.status()?;
        if status == StudyStatus::Closed {
            return Err(closed());
        }
        if !status.editable() {
            return Err(frozen());
        }
        let today = kindred_db::now_utc().date_naive();
        if s.ends_on < today {
            return Err(FieldError::new(
                "ends_on",
                "in_the_past",
                "The study's last day has passed: choose a later end date first.",
            )
            .into());
        }
        check_min_cohort(s.min_cohort, platform_min)?;
        let now = kindred_db::now_utc().naive_utc();
        s.status = StudyStatus::Submitted.as_str().into();
        s.submitted_at = Some(now);
        s.review_reason = None;
        s.reviewed_by = None;
        s.reviewed_at = None;
        s.updated_at = now;
        if !studies::transition(c, &s, status.as_str())? {
            return Err(frozen());
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchStudySubmitted, Some(&actor.id))
                .subject("study", &s.id),
        )?;
        detail(c, s)
    })
}

fn closed() -> AppError {
    AppError::Conflict { code: "study_closed", detail: "This study has ended.".into() }
}

/// An admin's decision on a submitted study: approve with a date mode, or reject with a
/// reason. Anything but a submitted study is 409 `not_submitted`. Approval fixes the consent
/// text (with the owner's institution) and its SHA-256. The owner is emailed either way.
pub fn decide(
    c: &mut DbConn,
    outbox: &Outbox,
    admin: &Admin,
    id: &str,
    decision: Decision,
) -> Result<StudyDetail, AppError> {
    kindred_db::write_tx(c, |c| {
        let mut s = studies::find(c, id)?.ok_or(AppError::NotFound)?;
        if s.status()? != StudyStatus::Submitted {
            return Err(AppError::Conflict {
                code: "not_submitted",
                detail: "Only a study waiting for review can be approved or rejected.".into(),
            });
        }
        let now = kindred_db::now_utc().naive_utc();
        s.reviewed_by = Some(admin.id().to_string());
        s.reviewed_at = Some(now);
        s.updated_at = now;
        let (action, approved, reason) = match &decision {
            Decision::Approve { date_mode, note } => {
                let institution = super::applications::institution_of(c, &s.owner_id)?;
                let categories = studies::categories(c, &s.id)?
                    .into_iter()
                    .filter_map(|r| Category::parse(&r.category).map(|cat| (cat, r.reason)))
                    .collect::<Vec<_>>();
                let text = consent_text(&ConsentTerms {
                    title: &s.title,
                    institution: &institution,
                    ethics_reference: &s.ethics_reference,
                    lay_summary: &s.lay_summary,
                    categories: &categories,
                    data_from: s.data_from,
                    data_to: s.data_to,
                    ends_on: s.ends_on,
                    min_cohort: s.min_cohort,
                    date_mode: *date_mode,
                });
                s.consent_sha256 = Some(consent_sha256(&text));
                s.consent_text = Some(text);
                s.status = StudyStatus::Approved.as_str().into();
                s.date_mode = Some(date_mode.as_str().into());
                s.review_reason = note.clone();
                (Action::AdminStudyApproved, true, note.clone())
            }
            Decision::Reject { reason } => {
                s.status = StudyStatus::Rejected.as_str().into();
                s.review_reason = Some(reason.clone());
                (Action::AdminStudyRejected, false, Some(reason.clone()))
            }
        };
        if !studies::transition(c, &s, StudyStatus::Submitted.as_str())? {
            return Err(AppError::Conflict {
                code: "not_submitted",
                detail: "Someone decided this study at the same moment.".into(),
            });
        }
        let details = match &decision {
            Decision::Approve { date_mode, .. } => serde_json::json!({"date_mode": date_mode}),
            Decision::Reject { .. } => serde_json::json!({}),
        };
        audit::record(
            c,
            &audit::NewAuditEvent::new(action, Some(admin.id()))
                .subject("study", &s.id)
                .details(details),
        )?;
        if approved {
            invite(c, outbox, &s)?;
        }
        if let Some(owner) = users::find(c, &s.owner_id)? {
            if let Some(to) = &owner.email {
                let link = outbox.link(&format!("/research/studies/{}", s.id));
                let mail = templates::study_decided(&s.title, approved, reason.as_deref(), &link);
                outbox.queue(c, Some(&owner.id), to, &mail)?;
            }
        }
        detail(c, s)
    })
}

/// Tells every eligible member of a newly approved study: an in-app notification, and an
/// email (saying nothing of the study) to those who want email.
fn invite(c: &mut DbConn, outbox: &Outbox, s: &Study) -> Result<(), AppError> {
    let path = format!("/privacy/invitations/{}", s.id);
    let text = format!("A study invites you: “{}”. Read what it asks for and why.", s.title);
    for (user_id, email, wants_email) in consents::eligible_members(c, &s.id)? {
        if user_id == s.owner_id || studies::is_member(c, &s.id, &user_id)? {
            continue;
        }
        crate::communities::notifications::notify(
            c,
            &user_id,
            "study_invitation",
            &text,
            Some(&path),
        )?;
        if let (true, Some(to)) = (wants_email, email) {
            outbox.queue(
                c,
                Some(&user_id),
                &to,
                &templates::study_invitation(&outbox.link(&path)),
            )?;
        }
    }
    Ok(())
}

/// An admin's decision.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Approve, choosing how exports give dates, with an optional note to the researchers.
    Approve {
        /// Date mode.
        date_mode: DateMode,
        /// Note.
        note: Option<String>,
    },
    /// Reject with a reason.
    Reject {
        /// Reason.
        reason: String,
    },
}

/// The owner adds a researcher by handle: 403 `not_owner` for other researchers of the study;
/// 422 on `handle` for an unknown handle or an account that is not a researcher; 409
/// `already_member`; a closed study 409 `study_closed`.
pub fn add_member(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
    handle: &Handle,
) -> Result<StudyDetail, AppError> {
    kindred_db::write_tx(c, |c| {
        let s = researched(c, actor, id)?;
        if s.owner_id != actor.id {
            return Err(AppError::Forbidden {
                code: "not_owner",
                detail: "Only the study's owner adds researchers.".into(),
            });
        }
        if s.status()? == StudyStatus::Closed {
            return Err(closed());
        }
        let who = users::find_by_handle_key(c, &handle.key())?
            .filter(|u| u.status().ok() == Some(kindred_domain::account::AccountStatus::Active))
            .ok_or_else(|| {
                FieldError::new("handle", "unknown_handle", "No member has this handle.")
            })?;
        if who.role()? != Role::Researcher {
            return Err(FieldError::new(
                "handle",
                "not_a_researcher",
                "Only verified researchers can join a study.",
            )
            .into());
        }
        let added = studies::add_member(
            c,
            &StudyMember {
                study_id: s.id.clone(),
                user_id: who.id.clone(),
                added_at: kindred_db::now_utc().naive_utc(),
            },
        )?;
        if !added {
            return Err(AppError::Conflict {
                code: "already_member",
                detail: "This researcher is already on the study.".into(),
            });
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchStudyMemberAdded, Some(&actor.id))
                .subject("study", &s.id)
                .details(serde_json::json!({ "user": who.id })),
        )?;
        detail(c, s)
    })
}

/// A page of studies: an admin's by status (default the review queue, `submitted`, oldest
/// first); a researcher's own (newest first; `status` ignored); anyone else 403.
pub fn list(
    c: &mut DbConn,
    actor: &Actor,
    status: Option<StudyStatus>,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<Study>, Option<String>), AppError> {
    let after = crate::error::time_id_cursor(cursor)?;
    let rows = match actor.role {
        Role::Admin => studies::list_by_status(
            c,
            status.unwrap_or(StudyStatus::Submitted).as_str(),
            after.as_ref(),
            limit + 1,
        )?,
        Role::Researcher => studies::list_for_member(c, &actor.id, after.as_ref(), limit + 1)?,
        _ => return Err(not_a_researcher()),
    };
    Ok(page::cut(rows, limit, |s| Cursor::time_id(&s.created_at, &s.id)))
}
