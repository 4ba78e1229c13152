//! Studies, their researchers, eligibility and categories.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::models::study::{Study, StudyCategory, StudyEligibility, StudyMember};
use crate::schema::{studies, study_categories, study_eligibility, study_members, users};
use crate::{DbConn, DbError};

/// Stores a new study.
pub fn insert(conn: &mut DbConn, s: &Study) -> Result<(), DbError> {
    diesel::insert_into(studies::table).values(s).execute(conn)?;
    Ok(())
}

/// Writes every field of a study back.
pub fn update(conn: &mut DbConn, s: &Study) -> Result<(), DbError> {
    diesel::update(studies::table.find(&s.id)).set(s).execute(conn)?;
    Ok(())
}

/// The study with this id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Study>, DbError> {
    Ok(studies::table.find(id).select(Study::as_select()).first(conn).optional()?)
}

/// Moves a study from `from` to `to` (with the given review fields); false when it was no
/// longer in `from` (someone else moved it first).
pub fn transition(conn: &mut DbConn, s: &Study, from: &str) -> Result<bool, DbError> {
    Ok(diesel::update(studies::table.find(&s.id).filter(studies::status.eq(from)))
        .set(s)
        .execute(conn)?
        > 0)
}

/// Whether `user_id` is one of the study's researchers.
pub fn is_member(conn: &mut DbConn, study_id: &str, user_id: &str) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        study_members::table
            .filter(study_members::study_id.eq(study_id))
            .filter(study_members::user_id.eq(user_id)),
    ))
    .get_result(conn)?)
}

/// Adds a researcher; false when they were one already.
pub fn add_member(conn: &mut DbConn, m: &StudyMember) -> Result<bool, DbError> {
    if is_member(conn, &m.study_id, &m.user_id)? {
        return Ok(false);
    }
    diesel::insert_into(study_members::table).values(m).execute(conn)?;
    Ok(true)
}

/// The study's researchers with their handles, in the order they were added.
pub fn members(conn: &mut DbConn, study_id: &str) -> Result<Vec<(StudyMember, String)>, DbError> {
    Ok(study_members::table
        .inner_join(users::table)
        .filter(study_members::study_id.eq(study_id))
        .order((study_members::added_at.asc(), study_members::user_id.asc()))
        .select((StudyMember::as_select(), users::handle))
        .load(conn)?)
}

/// Replaces the study's eligibility.
pub fn set_eligibility(
    conn: &mut DbConn,
    study_id: &str,
    rows: &[StudyEligibility],
) -> Result<(), DbError> {
    diesel::delete(study_eligibility::table.filter(study_eligibility::study_id.eq(study_id)))
        .execute(conn)?;
    for r in rows {
        diesel::insert_into(study_eligibility::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// The study's eligibility.
pub fn eligibility(conn: &mut DbConn, study_id: &str) -> Result<Vec<StudyEligibility>, DbError> {
    Ok(study_eligibility::table
        .filter(study_eligibility::study_id.eq(study_id))
        .order((study_eligibility::kind.asc(), study_eligibility::ref_id.asc()))
        .select(StudyEligibility::as_select())
        .load(conn)?)
}

/// Replaces the study's categories.
pub fn set_categories(
    conn: &mut DbConn,
    study_id: &str,
    rows: &[StudyCategory],
) -> Result<(), DbError> {
    diesel::delete(study_categories::table.filter(study_categories::study_id.eq(study_id)))
        .execute(conn)?;
    for r in rows {
        diesel::insert_into(study_categories::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// The study's categories in the researcher's order.
pub fn categories(conn: &mut DbConn, study_id: &str) -> Result<Vec<StudyCategory>, DbError> {
    Ok(study_categories::table
        .filter(study_categories::study_id.eq(study_id))
        .order(study_categories::position.asc())
        .select(StudyCategory::as_select())
        .load(conn)?)
}

/// A page of the studies `user_id` is a researcher of, newest first, after (created, id).
pub fn list_for_member(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<Study>, DbError> {
    let mine = study_members::table
        .filter(study_members::user_id.eq(user_id.to_string()))
        .select(study_members::study_id);
    let mut q = studies::table.filter(studies::id.eq_any(mine)).into_boxed();
    if let Some((at, id)) = after {
        let (at, id) = (*at, id.clone());
        q = q.filter(
            studies::created_at.lt(at).or(studies::created_at.eq(at).and(studies::id.lt(id))),
        );
    }
    Ok(q.order((studies::created_at.desc(), studies::id.desc()))
        .limit(limit)
        .select(Study::as_select())
        .load(conn)?)
}

/// A page of the studies in one status, oldest submission first (the review queue), after
/// (created, id).
pub fn list_by_status(
    conn: &mut DbConn,
    status: &str,
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<Study>, DbError> {
    let mut q = studies::table.filter(studies::status.eq(status.to_string())).into_boxed();
    if let Some((at, id)) = after {
        let (at, id) = (*at, id.clone());
        q = q.filter(
            studies::created_at.gt(at).or(studies::created_at.eq(at).and(studies::id.gt(id))),
        );
    }
    Ok(q.order((studies::created_at.asc(), studies::id.asc()))
        .limit(limit)
        .select(Study::as_select())
        .load(conn)?)
}

/// Approved studies whose last day is before `today`.
pub fn ended(conn: &mut DbConn, today: NaiveDate) -> Result<Vec<Study>, DbError> {
    Ok(studies::table
        .filter(studies::status.eq("approved"))
        .filter(studies::ends_on.lt(today))
        .select(Study::as_select())
        .load(conn)?)
}

/// Studies a member owns (their export).
pub fn owned_by(conn: &mut DbConn, user_id: &str) -> Result<Vec<Study>, DbError> {
    Ok(studies::table
        .filter(studies::owner_id.eq(user_id))
        .order(studies::created_at.asc())
        .select(Study::as_select())
        .load(conn)?)
}

/// The studies a member is a researcher of (their export).
pub fn memberships_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<StudyMember>, DbError> {
    Ok(study_members::table
        .filter(study_members::user_id.eq(user_id))
        .order(study_members::added_at.asc())
        .select(StudyMember::as_select())
        .load(conn)?)
}

/// Erasure: the member is no longer a researcher of any study (the studies stay: consents and
/// exports refer to them).
pub fn delete_memberships_of(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(study_members::table.filter(study_members::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
