//! Exports of a study: the rows, the claim by a worker under a lease (shared with the job queue
//! and the outbox, [`crate::lease`]), the pseudonyms, the data-access log, and the reads that
//! stream a participant's data out in chunks (never a whole table in memory).
//!
//! Every write a worker makes after its claim is fenced by the attempt it claimed: a worker
//! whose lease lapsed and whose export was claimed again (`attempts` moved on) writes nothing.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::lease::{self, Claim};
use crate::models::export::{DataAccess, Export, StudyPseudonym};
use crate::models::study::Study;
use crate::schema::{
    conditions, data_access, exports, measurements, response_items, responses, studies,
    study_pseudonyms, user_conditions, users,
};
use crate::{write_tx, DbConn, DbError};

/// Records a new (queued) export.
pub fn insert(conn: &mut DbConn, e: &Export) -> Result<(), DbError> {
    diesel::insert_into(exports::table).values(e).execute(conn)?;
    Ok(())
}

/// The export with this id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Export>, DbError> {
    Ok(exports::table.find(id).select(Export::as_select()).first(conn).optional()?)
}

/// A study's exports, newest first (at most `limit`).
pub fn list_for_study(
    conn: &mut DbConn,
    study_id: &str,
    limit: i64,
) -> Result<Vec<Export>, DbError> {
    Ok(exports::table
        .filter(exports::study_id.eq(study_id))
        .order((exports::created_at.desc(), exports::id.desc()))
        .limit(limit)
        .select(Export::as_select())
        .load(conn)?)
}

/// Claims up to `limit` exports that are queued, or running with a lapsed lease (their worker
/// stopped or crashed), until `now + lease`: each claim counts as an attempt. Oldest first.
pub fn claim(
    conn: &mut DbConn,
    now: NaiveDateTime,
    lease: TimeDelta,
    limit: i64,
) -> Result<Vec<Export>, DbError> {
    let spec = Claim {
        table: "exports",
        due: "status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < {now})",
        only: None,
        order_by: "created_at, id",
        set: "status = 'running', attempts = attempts + 1, lease_until = {until}, \
              started_at = {now}",
    };
    let ids = lease::claim_ids(conn, &spec, now, now + lease, limit)?;
    Ok(exports::table
        .filter(exports::id.eq_any(ids))
        .order(exports::created_at.asc())
        .select(Export::as_select())
        .load(conn)?)
}

/// Extends the lease of a running export the caller claimed as `attempt`; false when it is no
/// longer theirs.
pub fn renew(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    until: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = diesel::update(fenced(id, attempt))
        .set(exports::lease_until.eq(Some(until)))
        .execute(conn)?;
    Ok(n == 1)
}

/// The export `id` while attempt `attempt` holds it (running, not claimed again since).
type Fenced = diesel::helper_types::Filter<
    diesel::helper_types::Filter<
        diesel::helper_types::Filter<exports::table, diesel::dsl::Eq<exports::id, String>>,
        diesel::dsl::Eq<exports::attempts, i32>,
    >,
    diesel::dsl::Eq<exports::status, &'static str>,
>;

fn fenced(id: &str, attempt: i32) -> Fenced {
    exports::table
        .filter(exports::id.eq(id.to_string()))
        .filter(exports::attempts.eq(attempt))
        .filter(exports::status.eq("running"))
}

/// What a finished export records.
#[derive(Debug, Clone)]
pub struct Finished {
    /// SHA-256 of the zip.
    pub file_sha256: String,
    /// Its size.
    pub size_bytes: i64,
    /// Participants in it.
    pub participants: i32,
    /// The manifest (JSON).
    pub manifest: String,
    /// When the file is deleted.
    pub expires_at: NaiveDateTime,
}

/// Marks the export ready and writes its data-access rows, in one transaction, if the caller
/// still holds it as `attempt`; false (nothing written) otherwise. `also` runs inside the
/// transaction (the audit event and the requester's notification).
pub fn finish_ready<E: From<DbError>>(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    f: &Finished,
    rows: &[DataAccess],
    now: NaiveDateTime,
    also: impl FnOnce(&mut DbConn) -> Result<(), E>,
) -> Result<bool, E> {
    write_tx(conn, |c| {
        let n = diesel::update(fenced(id, attempt))
            .set((
                exports::status.eq("ready"),
                exports::lease_until.eq(None::<NaiveDateTime>),
                exports::error.eq(None::<String>),
                exports::file_sha256.eq(Some(&f.file_sha256)),
                exports::size_bytes.eq(Some(f.size_bytes)),
                exports::participants.eq(Some(f.participants)),
                exports::manifest.eq(Some(&f.manifest)),
                exports::finished_at.eq(Some(now)),
                exports::expires_at.eq(Some(f.expires_at)),
            ))
            .execute(c)
            .map_err(DbError::from)?;
        if n != 1 {
            return Ok(false);
        }
        diesel::delete(data_access::table.filter(data_access::export_id.eq(id)))
            .execute(c)
            .map_err(DbError::from)?;
        // Many rows per statement (as `pseudonyms`: each backend's own connection).
        for rows in rows.chunks(200) {
            let insert = diesel::insert_into(data_access::table).values(rows);
            match c {
                DbConn::Sqlite(c) => insert.execute(c),
                DbConn::Postgresql(c) => insert.execute(c),
            }
            .map_err(DbError::from)?;
        }
        also(c)?;
        Ok(true)
    })
}

/// Marks the export failed with `error` (fenced by `attempt`, or unfenced when `None`: a
/// claim that found its attempts used up). `also` runs in the same transaction.
pub fn fail<E: From<DbError>>(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    error: &str,
    now: NaiveDateTime,
    also: impl FnOnce(&mut DbConn) -> Result<(), E>,
) -> Result<bool, E> {
    write_tx(conn, |c| {
        let n = diesel::update(fenced(id, attempt))
            .set((
                exports::status.eq("failed"),
                exports::lease_until.eq(None::<NaiveDateTime>),
                exports::error.eq(Some(error)),
                exports::finished_at.eq(Some(now)),
            ))
            .execute(c)
            .map_err(DbError::from)?;
        if n != 1 {
            return Ok(false);
        }
        also(c)?;
        Ok(true)
    })
}

/// Puts a running export back in the queue after a failed attempt, to be claimed again after
/// `retry_at`; false when the caller no longer holds it.
pub fn retry_later(
    conn: &mut DbConn,
    id: &str,
    attempt: i32,
    error: &str,
    retry_at: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = diesel::update(fenced(id, attempt))
        .set((
            exports::status.eq("queued"),
            exports::lease_until.eq(Some(retry_at)),
            exports::error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Ready exports whose retention ended before `now`.
pub fn due_for_expiry(conn: &mut DbConn, now: NaiveDateTime) -> Result<Vec<Export>, DbError> {
    Ok(exports::table
        .filter(exports::status.eq("ready"))
        .filter(exports::expires_at.lt(now))
        .select(Export::as_select())
        .load(conn)?)
}

/// Marks a ready export expired (its file is gone); false when it was not ready. `also` runs in
/// the same transaction.
pub fn mark_expired<E: From<DbError>>(
    conn: &mut DbConn,
    id: &str,
    now: NaiveDateTime,
    also: impl FnOnce(&mut DbConn) -> Result<(), E>,
) -> Result<bool, E> {
    write_tx(conn, |c| {
        let n = diesel::update(
            exports::table.filter(exports::id.eq(id)).filter(exports::status.eq("ready")),
        )
        .set((exports::status.eq("expired"), exports::expired_at.eq(Some(now))))
        .execute(c)
        .map_err(DbError::from)?;
        if n != 1 {
            return Ok(false);
        }
        also(c)?;
        Ok(true)
    })
}

/// The pseudonyms of these members in the study, made for those who have none yet, in one
/// transaction. Another worker making some of the same members' pseudonyms at the same moment
/// (two exports of one study on two replicas), or a collision of two random 80-bit draws,
/// makes that transaction fail on a unique key: then the existing ones are read again and
/// only the still missing ones made (a few rounds at most).
pub fn pseudonyms(
    conn: &mut DbConn,
    study_id: &str,
    user_ids: &[String],
    now: NaiveDateTime,
) -> Result<HashMap<String, String>, DbError> {
    let mut out = HashMap::with_capacity(user_ids.len());
    for round in 0..5 {
        for ids in user_ids.chunks(500) {
            let rows: Vec<(String, String)> = study_pseudonyms::table
                .filter(study_pseudonyms::study_id.eq(study_id))
                .filter(study_pseudonyms::user_id.eq_any(ids))
                .select((study_pseudonyms::user_id, study_pseudonyms::pseudonym))
                .load(conn)?;
            out.extend(rows);
        }
        let missing: Vec<&String> = user_ids.iter().filter(|u| !out.contains_key(*u)).collect();
        if missing.is_empty() {
            return Ok(out);
        }
        let made = write_tx(conn, |c| {
            let made: Vec<StudyPseudonym> = missing
                .iter()
                .map(|u| StudyPseudonym {
                    study_id: study_id.into(),
                    user_id: (*u).clone(),
                    pseudonym: uuid::Uuid::new_v4().simple().to_string().chars().take(20).collect(),
                    created_at: now,
                })
                .collect();
            // Many rows per statement (the multi-backend connection has no batch insert, each
            // backend's own connection does).
            for rows in made.chunks(200) {
                let insert = diesel::insert_into(study_pseudonyms::table).values(rows);
                match c {
                    DbConn::Sqlite(c) => insert.execute(c)?,
                    DbConn::Postgresql(c) => insert.execute(c)?,
                };
            }
            Ok::<_, DbError>(made)
        });
        match made {
            Ok(made) => {
                out.extend(made.into_iter().map(|r| (r.user_id, r.pseudonym)));
                return Ok(out);
            }
            Err(DbError::UniqueViolation { .. }) if round < 4 => continue,
            Err(e) => return Err(e),
        }
    }
    Err(DbError::ConstraintViolation("could not make the study's pseudonyms".into()))
}

/// Erasure: the member's pseudonyms go (exports already written keep them; nothing links them
/// back to the account any more).
pub fn delete_pseudonyms_of(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(study_pseudonyms::table.filter(study_pseudonyms::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// The member's data-access log: every export that included them, with its export and study,
/// newest first.
pub fn data_access_of(
    conn: &mut DbConn,
    user_id: &str,
) -> Result<Vec<(DataAccess, Export, Study)>, DbError> {
    Ok(data_access::table
        .inner_join(exports::table)
        .inner_join(studies::table.on(studies::id.eq(data_access::study_id)))
        .filter(data_access::user_id.eq(user_id))
        .order((data_access::created_at.desc(), data_access::export_id.desc()))
        .select((DataAccess::as_select(), Export::as_select(), Study::as_select()))
        .load(conn)?)
}

/// The data-access rows of one export.
pub fn data_access_of_export(
    conn: &mut DbConn,
    export_id: &str,
) -> Result<Vec<DataAccess>, DbError> {
    Ok(data_access::table
        .filter(data_access::export_id.eq(export_id))
        .select(DataAccess::as_select())
        .load(conn)?)
}

/// A participant's birth year and country.
pub type Demographics = (Option<i32>, Option<String>);

/// Participants' birth years and countries, by user id (in a few queries, not one each).
pub fn demographics_of(
    conn: &mut DbConn,
    user_ids: &[String],
) -> Result<HashMap<String, Demographics>, DbError> {
    let mut out = HashMap::with_capacity(user_ids.len());
    for ids in user_ids.chunks(500) {
        let rows: Vec<(String, Option<i32>, Option<String>)> = users::table
            .filter(users::id.eq_any(ids))
            .select((users::id, users::birth_year, users::country))
            .load(conn)?;
        out.extend(rows.into_iter().map(|(id, y, c)| (id, (y, c))));
    }
    Ok(out)
}

/// A participant's conditions: ICD-10 code, name, year of diagnosis.
pub fn conditions_of(
    conn: &mut DbConn,
    user_id: &str,
) -> Result<Vec<(String, String, Option<i32>)>, DbError> {
    Ok(user_conditions::table
        .inner_join(conditions::table)
        .filter(user_conditions::user_id.eq(user_id))
        .order(conditions::icd10.asc())
        .select((conditions::icd10, conditions::name, user_conditions::diagnosis_year))
        .load(conn)?)
}

/// The window `[from, to]` (whole days) as times `[start, end)`.
pub fn window(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = to.succ_opt().unwrap_or(to).and_hms_opt(0, 0, 0).unwrap_or_default();
    (start, end)
}

/// How much of a member's data of the export's kinds lies inside its window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    /// The earliest time of any of it (the origin of relative dates).
    pub first: Option<NaiveDateTime>,
    /// Measurements.
    pub measurements: i64,
    /// Questionnaire responses.
    pub responses: i64,
}

/// Each member's [`Extent`] (members with no data are absent), in a few grouped queries
/// rather than one per member.
pub fn extents(
    conn: &mut DbConn,
    user_ids: &[String],
    types: &[String],
    questionnaire_ids: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
) -> Result<HashMap<String, Extent>, DbError> {
    let mut out: HashMap<String, Extent> = HashMap::new();
    for ids in user_ids.chunks(500) {
        if !types.is_empty() {
            let rows: Vec<(String, Option<NaiveDateTime>, i64)> = measurements::table
                .filter(measurements::user_id.eq_any(ids))
                .filter(measurements::type_slug.eq_any(types))
                .filter(measurements::taken_at.ge(start))
                .filter(measurements::taken_at.lt(end))
                .group_by(measurements::user_id)
                .select((
                    measurements::user_id,
                    diesel::dsl::min(measurements::taken_at),
                    diesel::dsl::count_star(),
                ))
                .load(conn)?;
            for (u, first, n) in rows {
                let e = out.entry(u).or_default();
                e.first = earliest(e.first, first);
                e.measurements = n;
            }
        }
        if !questionnaire_ids.is_empty() {
            let rows: Vec<(String, Option<NaiveDateTime>, i64)> = responses::table
                .filter(responses::user_id.eq_any(ids))
                .filter(responses::questionnaire_id.eq_any(questionnaire_ids))
                .filter(responses::submitted_at.ge(start))
                .filter(responses::submitted_at.lt(end))
                .group_by(responses::user_id)
                .select((
                    responses::user_id,
                    diesel::dsl::min(responses::submitted_at),
                    diesel::dsl::count_star(),
                ))
                .load(conn)?;
            for (u, first, n) in rows {
                let e = out.entry(u).or_default();
                e.first = earliest(e.first, first);
                e.responses = n;
            }
        }
    }
    Ok(out)
}

fn earliest(a: Option<NaiveDateTime>, b: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A measurement as an export reads it.
#[derive(Debug, Clone, Queryable)]
pub struct MeasurementOut {
    /// The member.
    pub user_id: String,
    /// Id (the chunk cursor; never written to a file; empty when read in a batch).
    pub id: String,
    /// Type slug.
    pub type_slug: String,
    /// First value.
    pub value1: f64,
    /// Second value.
    pub value2: Option<f64>,
    /// UCUM unit.
    pub unit: String,
    /// When taken (UTC).
    pub taken_at: NaiveDateTime,
}

/// The next `limit` measurements of the participant of these types inside the window, after
/// `after` (taken_at, id), in time order.
pub fn measurements_chunk(
    conn: &mut DbConn,
    user_id: &str,
    types: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<MeasurementOut>, DbError> {
    let mut q = measurements::table
        .filter(measurements::user_id.eq(user_id.to_string()))
        .filter(measurements::type_slug.eq_any(types.to_vec()))
        .filter(measurements::taken_at.ge(start))
        .filter(measurements::taken_at.lt(end))
        .into_boxed();
    if let Some((t, id)) = after {
        q = q.filter(
            measurements::taken_at
                .gt(*t)
                .or(measurements::taken_at.eq(*t).and(measurements::id.gt(id.clone()))),
        );
    }
    Ok(q.order((measurements::taken_at.asc(), measurements::id.asc()))
        .limit(limit)
        .select((
            measurements::user_id,
            measurements::id,
            measurements::type_slug,
            measurements::value1,
            measurements::value2,
            measurements::unit,
            measurements::taken_at,
        ))
        .load(conn)?)
}

/// A questionnaire response as an export reads it (the columns of the covering index
/// `responses_user_questionnaire_idx`).
#[derive(Debug, Clone, Queryable)]
pub struct ResponseOut {
    /// The member.
    pub user_id: String,
    /// Id (the chunk cursor; only a keyed hash of it reaches a file).
    pub id: String,
    /// The questionnaire.
    pub questionnaire_id: String,
    /// The version answered.
    pub version_id: String,
    /// When submitted (UTC).
    pub submitted_at: NaiveDateTime,
    /// The total score, if the questionnaire scores.
    pub score: Option<f64>,
    /// The score's band.
    pub band: Option<String>,
}

/// At most `limit` measurements of these members of these types inside the window, by member
/// then time: a batch of members read in one query (the caller sizes batches from
/// [`extents`] and treats `limit` rows as "more than counted").
pub fn measurements_of(
    conn: &mut DbConn,
    user_ids: &[String],
    types: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
    limit: i64,
) -> Result<Vec<MeasurementOut>, DbError> {
    Ok(measurements::table
        .filter(measurements::user_id.eq_any(user_ids))
        .filter(measurements::type_slug.eq_any(types))
        .filter(measurements::taken_at.ge(start))
        .filter(measurements::taken_at.lt(end))
        .order((measurements::user_id.asc(), measurements::taken_at.asc(), measurements::id.asc()))
        .limit(limit)
        .select((
            measurements::user_id,
            // No cursor in a batch: an empty id saves decoding one string a row.
            diesel::dsl::sql::<diesel::sql_types::Text>("''"),
            measurements::type_slug,
            measurements::value1,
            measurements::value2,
            measurements::unit,
            measurements::taken_at,
        ))
        .load(conn)?)
}

/// The next `limit` responses of the participant to these questionnaires inside the window,
/// after `after` (submitted_at, id), in time order.
pub fn responses_chunk(
    conn: &mut DbConn,
    user_id: &str,
    questionnaire_ids: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<ResponseOut>, DbError> {
    let mut q = responses::table
        .filter(responses::user_id.eq(user_id.to_string()))
        .filter(responses::questionnaire_id.eq_any(questionnaire_ids.to_vec()))
        .filter(responses::submitted_at.ge(start))
        .filter(responses::submitted_at.lt(end))
        .into_boxed();
    if let Some((t, id)) = after {
        q = q.filter(
            responses::submitted_at
                .gt(*t)
                .or(responses::submitted_at.eq(*t).and(responses::id.gt(id.clone()))),
        );
    }
    Ok(q.order((responses::submitted_at.asc(), responses::id.asc()))
        .limit(limit)
        .select((
            responses::user_id,
            responses::id,
            responses::questionnaire_id,
            responses::version_id,
            responses::submitted_at,
            responses::score,
            responses::band,
        ))
        .load(conn)?)
}

/// At most `limit` responses of these members to these questionnaires inside the window, by
/// member then time (a batch of members, as [`measurements_of`]).
pub fn responses_of(
    conn: &mut DbConn,
    user_ids: &[String],
    questionnaire_ids: &[String],
    (start, end): (NaiveDateTime, NaiveDateTime),
    limit: i64,
) -> Result<Vec<ResponseOut>, DbError> {
    Ok(responses::table
        .filter(responses::user_id.eq_any(user_ids))
        .filter(responses::questionnaire_id.eq_any(questionnaire_ids))
        .filter(responses::submitted_at.ge(start))
        .filter(responses::submitted_at.lt(end))
        .order((responses::user_id.asc(), responses::submitted_at.asc(), responses::id.asc()))
        .limit(limit)
        .select((
            responses::user_id,
            responses::id,
            responses::questionnaire_id,
            responses::version_id,
            responses::submitted_at,
            responses::score,
            responses::band,
        ))
        .load(conn)?)
}

/// An answer as an export reads it.
#[derive(Debug, Clone, Queryable)]
pub struct ItemOut {
    /// The response.
    pub response_id: String,
    /// The item's key.
    pub item_key: String,
    /// The numeric answer.
    pub value_number: Option<f64>,
    /// The stored text (a multi-choice item's chosen values; free text never leaves).
    pub value_text: Option<String>,
}

/// The answers of these responses, grouped by response (each one's answers by item key). The
/// stored text is read only for items whose key is in `text_keys` (multiple-choice items keep
/// their chosen values there); other answers are read from the index alone.
pub fn items_of(
    conn: &mut DbConn,
    response_ids: &[String],
    text_keys: &[String],
) -> Result<Vec<ItemOut>, DbError> {
    let mut out = Vec::new();
    for ids in response_ids.chunks(1_000) {
        let rows: Vec<(String, String, Option<f64>)> = response_items::table
            .filter(response_items::response_id.eq_any(ids))
            .order((response_items::response_id.asc(), response_items::item_key.asc()))
            .select((
                response_items::response_id,
                response_items::item_key,
                response_items::value_number,
            ))
            .load(conn)?;
        let mut texts: HashMap<(String, String), String> = HashMap::new();
        if !text_keys.is_empty() {
            let found: Vec<(String, String, Option<String>)> = response_items::table
                .filter(response_items::response_id.eq_any(ids))
                .filter(response_items::item_key.eq_any(text_keys))
                .select((
                    response_items::response_id,
                    response_items::item_key,
                    response_items::value_text,
                ))
                .load(conn)?;
            texts.extend(found.into_iter().filter_map(|(r, k, t)| Some(((r, k), t?))));
        }
        out.extend(rows.into_iter().map(|(response_id, item_key, value_number)| {
            let value_text = texts.remove(&(response_id.clone(), item_key.clone()));
            ItemOut { response_id, item_key, value_number, value_text }
        }));
    }
    Ok(out)
}

/// A questionnaire version by its id.
pub fn version_by_id(
    conn: &mut DbConn,
    id: &str,
) -> Result<Option<crate::models::questionnaire::QuestionnaireVersion>, DbError> {
    use crate::schema::questionnaire_versions;
    Ok(questionnaire_versions::table
        .find(id)
        .select(crate::models::questionnaire::QuestionnaireVersion::as_select())
        .first(conn)
        .optional()?)
}
