//! Researcher verification: a verified member applies; an admin approves (the member becomes
//! a researcher) or rejects with a reason. Every step is audited and emailed.

use kindred_db::models::research::ResearcherApplication;
use kindred_db::page::{self, Cursor};
use kindred_db::queries::{audit, research, users};
use kindred_db::DbConn;
use kindred_domain::account::Role;
use kindred_domain::audit::Action;
use kindred_domain::research::ApplicationStatus;
use kindred_domain::Email;

use crate::authz::{Actor, Admin};
use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::AppError;

/// An application, parsed.
#[derive(Debug, Clone)]
pub struct Application {
    /// Institution.
    pub institution: String,
    /// Position there.
    pub title: String,
    /// An address at the institution.
    pub institutional_email: Email,
    /// What they research and why.
    pub statement: String,
    /// ORCID iD, canonical.
    pub orcid: Option<String>,
}

/// Files the actor's application: a confirmed address is needed (403
/// `email_not_verified`); researchers and admins need none (409 `already_researcher`); one
/// may wait at a time (409 `application_pending`).
pub fn apply(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    a: &Application,
) -> Result<ResearcherApplication, AppError> {
    if !actor.email_verified {
        return Err(AppError::Forbidden {
            code: "email_not_verified",
            detail: "Verify your email address first: follow the link we sent you.".into(),
        });
    }
    if actor.role != Role::Patient {
        return Err(AppError::Conflict {
            code: "already_researcher",
            detail: "Your account can already run studies.".into(),
        });
    }
    kindred_db::write_tx(c, |c| {
        let row = ResearcherApplication {
            id: kindred_db::new_id(),
            user_id: actor.id.clone(),
            institution: a.institution.clone(),
            title: a.title.clone(),
            institutional_email: a.institutional_email.as_str().to_string(),
            statement: a.statement.clone(),
            orcid: a.orcid.clone(),
            status: ApplicationStatus::Pending.as_str().into(),
            reason: None,
            decided_by: None,
            decided_at: None,
            created_at: kindred_db::now_utc().naive_utc(),
        };
        research::insert_application(c, &row)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::ResearchApplicationSubmitted, Some(&actor.id))
                .subject("researcher_application", &row.id),
        )?;
        if let Some(to) = users::find(c, &actor.id)?.and_then(|u| u.email) {
            let mail = templates::research_application_received(&outbox.link("/research"));
            outbox.queue(c, Some(&actor.id), &to, &mail)?;
        }
        Ok(row)
    })
}

/// The institution a researcher was verified with (their approved application); "Kindred"
/// for accounts that never applied (admins).
pub fn institution_of(c: &mut DbConn, user_id: &str) -> Result<String, AppError> {
    Ok(research::applications_of(c, user_id)?
        .into_iter()
        .find(|a| a.status == ApplicationStatus::Approved.as_str())
        .map(|a| a.institution)
        .unwrap_or_else(|| "Kindred".into()))
}

/// The actor's latest application, or not found.
pub fn mine(c: &mut DbConn, actor: &Actor) -> Result<ResearcherApplication, AppError> {
    research::applications_of(c, &actor.id)?.into_iter().next().ok_or(AppError::NotFound)
}

/// A page of applications in one status, oldest first (admins).
pub fn list(
    c: &mut DbConn,
    _admin: &Admin,
    status: ApplicationStatus,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<ResearcherApplication>, Option<String>), AppError> {
    let after = crate::error::time_id_cursor(cursor)?;
    let rows = research::list_applications(c, status.as_str(), after.as_ref(), limit + 1)?;
    Ok(page::cut(rows, limit, |a| Cursor::time_id(&a.created_at, &a.id)))
}

/// Approves (the applicant becomes a researcher) or rejects (with a reason) a pending
/// application, audited and emailed. Decided already → 409 `already_decided`; an applicant
/// whose account is no longer active → 409 `applicant_inactive`.
pub fn decide(
    c: &mut DbConn,
    outbox: &Outbox,
    admin: &Admin,
    id: &str,
    approve: bool,
    reason: Option<&str>,
) -> Result<ResearcherApplication, AppError> {
    kindred_db::write_tx(c, |c| {
        let app = research::find_application(c, id)?.ok_or(AppError::NotFound)?;
        let status =
            if approve { ApplicationStatus::Approved } else { ApplicationStatus::Rejected };
        let now = kindred_db::now_utc().naive_utc();
        if !research::decide(c, &app.id, status.as_str(), reason, admin.id(), now)? {
            return Err(AppError::Conflict {
                code: "already_decided",
                detail: "This application was already decided.".into(),
            });
        }
        let user = users::find(c, &app.user_id)?.ok_or(AppError::NotFound)?;
        if user.status()? != kindred_domain::account::AccountStatus::Active {
            return Err(AppError::Conflict {
                code: "applicant_inactive",
                detail: "The applicant's account is suspended or erased.".into(),
            });
        }
        if approve && user.role()? == Role::Patient {
            users::set_role(c, &user.id, Role::Researcher)?;
        }
        let action =
            if approve { Action::AdminResearcherApproved } else { Action::AdminResearcherRejected };
        audit::record(
            c,
            &audit::NewAuditEvent::new(action, Some(admin.id()))
                .subject("researcher_application", &app.id)
                .details(serde_json::json!({ "user": user.id })),
        )?;
        if let Some(to) = &user.email {
            let mail =
                templates::research_application_decided(approve, reason, &outbox.link("/research"));
            outbox.queue(c, Some(&user.id), to, &mail)?;
        }
        research::find_application(c, &app.id)?.ok_or(AppError::NotFound)
    })
}
