//! Researcher applications.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::models::research::ResearcherApplication;
use crate::schema::researcher_applications as ra;
use crate::{DbConn, DbError};

/// Files an application.
pub fn insert_application(conn: &mut DbConn, a: &ResearcherApplication) -> Result<(), DbError> {
    diesel::insert_into(ra::table).values(a).execute(conn)?;
    Ok(())
}

/// The application with this id.
pub fn find_application(
    conn: &mut DbConn,
    id: &str,
) -> Result<Option<ResearcherApplication>, DbError> {
    Ok(ra::table.find(id).select(ResearcherApplication::as_select()).first(conn).optional()?)
}

/// The member's applications, newest first.
pub fn applications_of(
    conn: &mut DbConn,
    user_id: &str,
) -> Result<Vec<ResearcherApplication>, DbError> {
    Ok(ra::table
        .filter(ra::user_id.eq(user_id))
        .order((ra::created_at.desc(), ra::id.desc()))
        .select(ResearcherApplication::as_select())
        .load(conn)?)
}

/// A page of applications in one status, oldest first, after (filed, id).
pub fn list_applications(
    conn: &mut DbConn,
    status: &str,
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<ResearcherApplication>, DbError> {
    let mut q = ra::table
        .filter(ra::status.eq(status.to_string()))
        .select(ResearcherApplication::as_select())
        .into_boxed();
    if let Some((at, id)) = after {
        let (at, id) = (*at, id.clone());
        q = q.filter(ra::created_at.gt(at).or(ra::created_at.eq(at).and(ra::id.gt(id))));
    }
    Ok(q.order((ra::created_at.asc(), ra::id.asc())).limit(limit).load(conn)?)
}

/// Decides a pending application; false when it was not pending (decided already).
pub fn decide(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    reason: Option<&str>,
    by: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    Ok(diesel::update(ra::table.find(id).filter(ra::status.eq("pending")))
        .set((
            ra::status.eq(status),
            ra::reason.eq(reason),
            ra::decided_by.eq(Some(by)),
            ra::decided_at.eq(Some(now)),
        ))
        .execute(conn)?
        > 0)
}

/// Erasure: the member's applications go.
pub fn delete_applications_of(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(ra::table.filter(ra::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
