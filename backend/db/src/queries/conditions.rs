//! The conditions catalog and members' own conditions.

use diesel::prelude::*;

use crate::models::condition::{Condition, UserCondition};
use crate::schema::{conditions, user_conditions};
use crate::{DbConn, DbError};

/// The whole catalog, by name.
pub fn list(conn: &mut DbConn) -> Result<Vec<Condition>, DbError> {
    Ok(conditions::table.order(conditions::name.asc()).select(Condition::as_select()).load(conn)?)
}

/// Finds a condition by slug.
pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Condition>, DbError> {
    Ok(conditions::table
        .filter(conditions::slug.eq(slug))
        .select(Condition::as_select())
        .first(conn)
        .optional()?)
}

/// Adds a condition to the catalog.
pub fn insert(conn: &mut DbConn, c: &Condition) -> Result<(), DbError> {
    diesel::insert_into(conditions::table).values(c).execute(conn)?;
    Ok(())
}

/// A member's conditions with their catalog entries, primary first.
pub fn list_for_user(
    conn: &mut DbConn,
    user_id: &str,
) -> Result<Vec<(UserCondition, Condition)>, DbError> {
    Ok(user_conditions::table
        .inner_join(conditions::table)
        .filter(user_conditions::user_id.eq(user_id))
        .order((user_conditions::is_primary.desc(), user_conditions::created_at.asc()))
        .select((UserCondition::as_select(), Condition::as_select()))
        .load(conn)?)
}

/// Adds one of a member's conditions; when it is primary, the others stop being primary.
pub fn add_for_user(conn: &mut DbConn, uc: &UserCondition) -> Result<(), DbError> {
    if uc.is_primary {
        diesel::update(user_conditions::table.filter(user_conditions::user_id.eq(&uc.user_id)))
            .set(user_conditions::is_primary.eq(false))
            .execute(conn)?;
    }
    diesel::insert_into(user_conditions::table).values(uc).execute(conn)?;
    Ok(())
}

/// Removes one of a member's conditions; false when it is not theirs.
pub fn remove_for_user(conn: &mut DbConn, user_id: &str, id: &str) -> Result<bool, DbError> {
    let n = diesel::delete(
        user_conditions::table
            .filter(user_conditions::id.eq(id))
            .filter(user_conditions::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Removes all of a member's conditions.
pub fn delete_for_user(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(user_conditions::table.filter(user_conditions::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
