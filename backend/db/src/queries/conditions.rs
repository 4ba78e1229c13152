//! The conditions catalog and members' own conditions.

use diesel::prelude::*;

use crate::models::condition::{Condition, UserCondition};
use crate::schema::{
    condition_measurement_types, conditions, questionnaire_conditions, questionnaires,
    user_conditions,
};
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

/// Measurement type slugs and questionnaires as (slug, title).
pub type Suggestions = (Vec<String>, Vec<(String, String)>);

/// What to track for a condition: the suggested measurement type slugs, and the linked
/// questionnaires as (slug, title), both sorted.
pub fn suggestions(conn: &mut DbConn, condition_id: &str) -> Result<Suggestions, DbError> {
    let types = condition_measurement_types::table
        .filter(condition_measurement_types::condition_id.eq(condition_id))
        .order(condition_measurement_types::type_slug.asc())
        .select(condition_measurement_types::type_slug)
        .load(conn)?;
    let qs = questionnaire_conditions::table
        .inner_join(questionnaires::table)
        .filter(questionnaire_conditions::condition_id.eq(condition_id))
        .order(questionnaires::slug.asc())
        .select((questionnaires::slug, questionnaires::title))
        .load(conn)?;
    Ok((types, qs))
}

/// Replaces what is suggested for a condition (run it in a write transaction).
pub fn set_suggestions(
    conn: &mut DbConn,
    condition_id: &str,
    type_slugs: &[String],
    questionnaire_ids: &[String],
) -> Result<(), DbError> {
    diesel::delete(
        condition_measurement_types::table
            .filter(condition_measurement_types::condition_id.eq(condition_id)),
    )
    .execute(conn)?;
    for t in type_slugs {
        diesel::insert_into(condition_measurement_types::table)
            .values((
                condition_measurement_types::condition_id.eq(condition_id),
                condition_measurement_types::type_slug.eq(t),
            ))
            .execute(conn)?;
    }
    diesel::delete(
        questionnaire_conditions::table
            .filter(questionnaire_conditions::condition_id.eq(condition_id)),
    )
    .execute(conn)?;
    for q in questionnaire_ids {
        diesel::insert_into(questionnaire_conditions::table)
            .values((
                questionnaire_conditions::questionnaire_id.eq(q),
                questionnaire_conditions::condition_id.eq(condition_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}
