//! Questionnaires, versions and responses.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use kindred_domain::questionnaire::VersionStatus;

use crate::models::questionnaire::{Questionnaire, QuestionnaireVersion, Response, ResponseItem};
use crate::schema::{
    questionnaire_conditions, questionnaire_versions, questionnaires, response_items, responses,
    user_conditions,
};
use crate::{DbConn, DbError};

/// Every questionnaire, by title.
pub fn list(conn: &mut DbConn) -> Result<Vec<Questionnaire>, DbError> {
    Ok(questionnaires::table
        .order(questionnaires::title.asc())
        .select(Questionnaire::as_select())
        .load(conn)?)
}

/// Finds a questionnaire by slug.
pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Questionnaire>, DbError> {
    Ok(questionnaires::table
        .filter(questionnaires::slug.eq(slug))
        .select(Questionnaire::as_select())
        .first(conn)
        .optional()?)
}

/// Finds a questionnaire by id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Questionnaire>, DbError> {
    Ok(questionnaires::table.find(id).select(Questionnaire::as_select()).first(conn).optional()?)
}

/// Adds a questionnaire.
pub fn insert(conn: &mut DbConn, q: &Questionnaire) -> Result<(), DbError> {
    diesel::insert_into(questionnaires::table).values(q).execute(conn)?;
    Ok(())
}

/// Links a questionnaire to a condition.
pub fn link_condition(
    conn: &mut DbConn,
    questionnaire_id: &str,
    condition_id: &str,
) -> Result<(), DbError> {
    diesel::insert_into(questionnaire_conditions::table)
        .values((
            questionnaire_conditions::questionnaire_id.eq(questionnaire_id),
            questionnaire_conditions::condition_id.eq(condition_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// Condition ids linked to a questionnaire.
pub fn condition_ids(conn: &mut DbConn, questionnaire_id: &str) -> Result<Vec<String>, DbError> {
    Ok(questionnaire_conditions::table
        .filter(questionnaire_conditions::questionnaire_id.eq(questionnaire_id))
        .select(questionnaire_conditions::condition_id)
        .load(conn)?)
}

/// Every version of a questionnaire, oldest first.
pub fn versions(
    conn: &mut DbConn,
    questionnaire_id: &str,
) -> Result<Vec<QuestionnaireVersion>, DbError> {
    Ok(questionnaire_versions::table
        .filter(questionnaire_versions::questionnaire_id.eq(questionnaire_id))
        .order(questionnaire_versions::version.asc())
        .select(QuestionnaireVersion::as_select())
        .load(conn)?)
}

/// One version.
pub fn version(
    conn: &mut DbConn,
    questionnaire_id: &str,
    version: i32,
) -> Result<Option<QuestionnaireVersion>, DbError> {
    Ok(questionnaire_versions::table
        .filter(questionnaire_versions::questionnaire_id.eq(questionnaire_id))
        .filter(questionnaire_versions::version.eq(version))
        .select(QuestionnaireVersion::as_select())
        .first(conn)
        .optional()?)
}

/// Adds a version.
pub fn insert_version(conn: &mut DbConn, v: &QuestionnaireVersion) -> Result<(), DbError> {
    diesel::insert_into(questionnaire_versions::table).values(v).execute(conn)?;
    Ok(())
}

/// Replaces a draft's definition; false when the version is not a draft.
pub fn update_draft(
    conn: &mut DbConn,
    version_id: &str,
    definition: &str,
) -> Result<bool, DbError> {
    let n = diesel::update(
        questionnaire_versions::table
            .find(version_id)
            .filter(questionnaire_versions::status.eq(VersionStatus::Draft.as_str())),
    )
    .set(questionnaire_versions::definition.eq(definition))
    .execute(conn)?;
    Ok(n == 1)
}

/// Moves a version from `from` to `to` status, stamping the time; false when it was not in `from`.
pub fn transition(
    conn: &mut DbConn,
    version_id: &str,
    from: VersionStatus,
    to: VersionStatus,
    at: NaiveDateTime,
) -> Result<bool, DbError> {
    let target = questionnaire_versions::table
        .find(version_id)
        .filter(questionnaire_versions::status.eq(from.as_str()));
    let n = match to {
        VersionStatus::Published => diesel::update(target)
            .set((
                questionnaire_versions::status.eq(to.as_str()),
                questionnaire_versions::published_at.eq(Some(at)),
            ))
            .execute(conn)?,
        VersionStatus::Draft | VersionStatus::Retired => diesel::update(target)
            .set((
                questionnaire_versions::status.eq(to.as_str()),
                questionnaire_versions::retired_at.eq(Some(at)),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// Stores a response and its items.
pub fn insert_response(
    conn: &mut DbConn,
    r: &Response,
    items: &[ResponseItem],
) -> Result<(), DbError> {
    diesel::insert_into(responses::table).values(r).execute(conn)?;
    for item in items {
        diesel::insert_into(response_items::table).values(item).execute(conn)?;
    }
    Ok(())
}

/// The response a member stored under a client id.
pub fn find_response_by_client_id(
    conn: &mut DbConn,
    user_id: &str,
    client_id: &str,
) -> Result<Option<Response>, DbError> {
    Ok(responses::table
        .filter(responses::user_id.eq(user_id))
        .filter(responses::client_id.eq(client_id))
        .select(Response::as_select())
        .first(conn)
        .optional()?)
}

/// One of a member's responses.
pub fn find_response_for_user(
    conn: &mut DbConn,
    user_id: &str,
    id: &str,
) -> Result<Option<Response>, DbError> {
    Ok(responses::table
        .filter(responses::id.eq(id))
        .filter(responses::user_id.eq(user_id))
        .select(Response::as_select())
        .first(conn)
        .optional()?)
}

/// The items of a response.
pub fn response_items(conn: &mut DbConn, response_id: &str) -> Result<Vec<ResponseItem>, DbError> {
    Ok(response_items::table
        .filter(response_items::response_id.eq(response_id))
        .select(ResponseItem::as_select())
        .load(conn)?)
}

/// The items of many responses, by response id (a few queries of bounded IN lists instead
/// of one per response).
pub fn response_items_of(
    conn: &mut DbConn,
    response_ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<ResponseItem>>, DbError> {
    let mut out: std::collections::HashMap<String, Vec<ResponseItem>> =
        std::collections::HashMap::new();
    for chunk in response_ids.chunks(500) {
        let items = response_items::table
            .filter(response_items::response_id.eq_any(chunk))
            .select(ResponseItem::as_select())
            .load::<ResponseItem>(conn)?;
        for item in items {
            out.entry(item.response_id.clone()).or_default().push(item);
        }
    }
    Ok(out)
}

/// A member's responses, newest first, optionally for one questionnaire, before a cursor.
pub fn list_responses(
    conn: &mut DbConn,
    user_id: &str,
    questionnaire_id: Option<&str>,
    before: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<Response>, DbError> {
    let mut q = responses::table
        .filter(responses::user_id.eq(user_id))
        .select(Response::as_select())
        .into_boxed();
    if let Some(qid) = questionnaire_id {
        q = q.filter(responses::questionnaire_id.eq(qid.to_string()));
    }
    if let Some((t, id)) = before {
        q = q.filter(
            responses::submitted_at
                .lt(t)
                .or(responses::submitted_at.eq(t).and(responses::id.lt(id))),
        );
    }
    Ok(q.order((responses::submitted_at.desc(), responses::id.desc())).limit(limit).load(conn)?)
}

/// Questionnaires linked to any of a member's conditions.
pub fn linked_to_user(conn: &mut DbConn, user_id: &str) -> Result<Vec<Questionnaire>, DbError> {
    let condition_ids = user_conditions::table
        .filter(user_conditions::user_id.eq(user_id))
        .select(user_conditions::condition_id);
    let ids = questionnaire_conditions::table
        .filter(questionnaire_conditions::condition_id.eq_any(condition_ids))
        .select(questionnaire_conditions::questionnaire_id);
    Ok(questionnaires::table
        .filter(questionnaires::id.eq_any(ids))
        .order(questionnaires::title.asc())
        .select(Questionnaire::as_select())
        .load(conn)?)
}

/// The time of a member's latest response to a questionnaire.
pub fn last_response_at(
    conn: &mut DbConn,
    user_id: &str,
    questionnaire_id: &str,
) -> Result<Option<NaiveDateTime>, DbError> {
    Ok(responses::table
        .filter(responses::user_id.eq(user_id))
        .filter(responses::questionnaire_id.eq(questionnaire_id))
        .select(diesel::dsl::max(responses::submitted_at))
        .first(conn)?)
}

/// Every response of a member, oldest first (export).
pub fn all_responses_for_user(
    conn: &mut DbConn,
    user_id: &str,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<Response>, DbError> {
    let mut q = responses::table
        .filter(responses::user_id.eq(user_id))
        .order(responses::id.asc())
        .limit(limit)
        .select(Response::as_select())
        .into_boxed();
    if let Some(after) = after_id {
        q = q.filter(responses::id.gt(after.to_string()));
    }
    Ok(q.load(conn)?)
}

/// Every answer of a member (export).
pub fn all_items_for_user(
    conn: &mut DbConn,
    user_id: &str,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<ResponseItem>, DbError> {
    let mut q = response_items::table
        .filter(response_items::user_id.eq(user_id))
        .order(response_items::id.asc())
        .limit(limit)
        .select(ResponseItem::as_select())
        .into_boxed();
    if let Some(after) = after_id {
        q = q.filter(response_items::id.gt(after.to_string()));
    }
    Ok(q.load(conn)?)
}

/// Deletes every response and answer of a member (erasure).
pub fn delete_all_for_user(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(response_items::table.filter(response_items::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(responses::table.filter(responses::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}
