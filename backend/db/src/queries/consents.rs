//! Consent: comprehension checks, consent events, and who is eligible for a study.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::models::study::{ComprehensionCheck, ConsentEvent, Study};
use crate::schema::{
    community_members, comprehension_checks, consent_events, studies, study_eligibility,
    user_conditions, users,
};
use crate::{DbConn, DbError};

/// Records a passed check (replacing an older one).
pub fn record_check(conn: &mut DbConn, row: &ComprehensionCheck) -> Result<(), DbError> {
    diesel::delete(comprehension_checks::table.find(&row.user_id)).execute(conn)?;
    diesel::insert_into(comprehension_checks::table).values(row).execute(conn)?;
    Ok(())
}

/// The member's passed check, if any.
pub fn check_of(conn: &mut DbConn, user_id: &str) -> Result<Option<ComprehensionCheck>, DbError> {
    Ok(comprehension_checks::table
        .find(user_id)
        .select(ComprehensionCheck::as_select())
        .first(conn)
        .optional()?)
}

/// Appends a consent event.
pub fn append(conn: &mut DbConn, e: &ConsentEvent) -> Result<(), DbError> {
    diesel::insert_into(consent_events::table).values(e).execute(conn)?;
    Ok(())
}

/// The member's latest event for a study.
pub fn latest(
    conn: &mut DbConn,
    study_id: &str,
    user_id: &str,
) -> Result<Option<ConsentEvent>, DbError> {
    Ok(consent_events::table
        .filter(consent_events::study_id.eq(study_id))
        .filter(consent_events::user_id.eq(user_id))
        .order(consent_events::seq.desc())
        .select(ConsentEvent::as_select())
        .first(conn)
        .optional()?)
}

/// One event by id, if it is the member's.
pub fn find_of(
    conn: &mut DbConn,
    id: &str,
    user_id: &str,
) -> Result<Option<ConsentEvent>, DbError> {
    Ok(consent_events::table
        .find(id)
        .filter(consent_events::user_id.eq(user_id))
        .select(ConsentEvent::as_select())
        .first(conn)
        .optional()?)
}

/// Every event of the member, newest first.
pub fn events_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<ConsentEvent>, DbError> {
    Ok(consent_events::table
        .filter(consent_events::user_id.eq(user_id))
        .order((consent_events::created_at.desc(), consent_events::seq.desc()))
        .select(ConsentEvent::as_select())
        .load(conn)?)
}

/// The current consents to a study of members whose accounts are active: each member's
/// latest event, when it is a grant.
pub fn active_for_study(conn: &mut DbConn, study_id: &str) -> Result<Vec<ConsentEvent>, DbError> {
    let rows: Vec<ConsentEvent> = consent_events::table
        .inner_join(users::table.on(users::id.eq(consent_events::user_id)))
        .filter(consent_events::study_id.eq(study_id))
        .filter(users::status.eq("active"))
        .order((consent_events::user_id.asc(), consent_events::seq.desc()))
        .select(ConsentEvent::as_select())
        .load(conn)?;
    let mut out: Vec<ConsentEvent> = Vec::new();
    for e in rows {
        if out.last().is_some_and(|l| l.user_id == e.user_id) {
            continue;
        }
        out.push(e);
    }
    // `out` holds one latest event per member, grants and withdrawals alike.
    Ok(out.into_iter().filter(ConsentEvent::granted).collect())
}

/// The studies a member currently consents to (latest event a grant).
pub fn studies_consented_by(conn: &mut DbConn, user_id: &str) -> Result<Vec<String>, DbError> {
    let ids: Vec<String> = consent_events::table
        .filter(consent_events::user_id.eq(user_id))
        .select(consent_events::study_id)
        .distinct()
        .load(conn)?;
    let mut out = Vec::new();
    for id in ids {
        if latest(conn, &id, user_id)?.is_some_and(|e| e.granted()) {
            out.push(id);
        }
    }
    Ok(out)
}

/// Whether the member is eligible: they have one of the study's conditions or belong to one of
/// its communities.
pub fn is_eligible(conn: &mut DbConn, study_id: &str, user_id: &str) -> Result<bool, DbError> {
    let conds = user_conditions::table
        .filter(user_conditions::user_id.eq(user_id.to_string()))
        .select(user_conditions::condition_id);
    let comms = community_members::table
        .filter(community_members::user_id.eq(user_id.to_string()))
        .select(community_members::community_id);
    Ok(diesel::select(diesel::dsl::exists(
        study_eligibility::table.filter(study_eligibility::study_id.eq(study_id)).filter(
            study_eligibility::kind
                .eq("condition")
                .and(study_eligibility::ref_id.eq_any(conds))
                .or(study_eligibility::kind
                    .eq("community")
                    .and(study_eligibility::ref_id.eq_any(comms))),
        ),
    ))
    .get_result(conn)?)
}

/// The active members with a confirmed address eligible for the study (one of its
/// conditions, or a member of one of its communities), as a boxed query on `users`.
fn eligible_users(study_id: &str) -> users::BoxedQuery<'static, <DbConn as Connection>::Backend> {
    let of_kind = |kind: &'static str| {
        study_eligibility::table
            .filter(study_eligibility::study_id.eq(study_id.to_string()))
            .filter(study_eligibility::kind.eq(kind))
            .select(study_eligibility::ref_id)
    };
    let by_condition = user_conditions::table
        .filter(user_conditions::condition_id.eq_any(of_kind("condition")))
        .select(user_conditions::user_id);
    let by_community = community_members::table
        .filter(community_members::community_id.eq_any(of_kind("community")))
        .select(community_members::user_id);
    users::table
        .filter(users::status.eq("active"))
        .filter(users::email_verified_at.is_not_null())
        .filter(users::id.eq_any(by_condition).or(users::id.eq_any(by_community)))
        .into_boxed()
}

/// The active members with a confirmed address eligible for the study: id, address, and
/// whether they want email.
pub fn eligible_members(
    conn: &mut DbConn,
    study_id: &str,
) -> Result<Vec<(String, Option<String>, bool)>, DbError> {
    Ok(eligible_users(study_id)
        .order(users::id.asc())
        .select((users::id, users::email, users::notify_email))
        .load(conn)?)
}

/// How many active members with a confirmed address are eligible for the study.
pub fn count_eligible(conn: &mut DbConn, study_id: &str) -> Result<i64, DbError> {
    Ok(eligible_users(study_id).count().get_result(conn)?)
}

/// Approved studies still running on `today` that the member is eligible for, newest first.
pub fn invitations_for(
    conn: &mut DbConn,
    user_id: &str,
    today: NaiveDate,
) -> Result<Vec<Study>, DbError> {
    let open: Vec<Study> = studies::table
        .filter(studies::status.eq("approved"))
        .filter(studies::ends_on.ge(today))
        .order((studies::reviewed_at.desc(), studies::id.desc()))
        .select(Study::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for s in open {
        if is_eligible(conn, &s.id, user_id)? {
            out.push(s);
        }
    }
    Ok(out)
}

/// Erasure: the member's check goes (consent events stay: they are the record of what was
/// shared, and erasure appends withdrawals first).
pub fn delete_check_of(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(comprehension_checks::table.find(user_id)).execute(conn)?;
    Ok(())
}

/// The withdrawal event that ends `grant` at `now`.
pub fn withdrawal_of(grant: &ConsentEvent, now: chrono::NaiveDateTime) -> ConsentEvent {
    ConsentEvent {
        id: crate::new_id(),
        study_id: grant.study_id.clone(),
        user_id: grant.user_id.clone(),
        seq: grant.seq + 1,
        kind: "withdrawn".into(),
        version: grant.version,
        categories: "[]".into(),
        consent_sha256: grant.consent_sha256.clone(),
        created_at: now,
    }
}
