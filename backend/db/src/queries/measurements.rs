//! Measurements: storage, keyset listing and in-database summaries.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text, Timestamp};

use crate::models::measurement::{
    DisplayUnit, HealthImport, Measurement, MeasurementEdit, MeasurementTypeRow, TargetRow,
};
use crate::schema::{
    display_units, health_imports, measurement_edits, measurement_targets, measurement_types,
    measurements,
};
use crate::{DbConn, DbError};

/// Every measurement type.
pub fn list_types(conn: &mut DbConn) -> Result<Vec<MeasurementTypeRow>, DbError> {
    Ok(measurement_types::table
        .order(measurement_types::created_at.asc())
        .then_order_by(measurement_types::slug.asc())
        .select(MeasurementTypeRow::as_select())
        .load(conn)?)
}

/// Adds a type.
pub fn insert_type(conn: &mut DbConn, row: &MeasurementTypeRow) -> Result<(), DbError> {
    diesel::insert_into(measurement_types::table).values(row).execute(conn)?;
    Ok(())
}

/// Inserts the built-in types that are missing (start-up seeding; idempotent). Replicas
/// starting together may race: the one that loses finds the rows there and adds nothing.
pub fn ensure_types(conn: &mut DbConn, rows: &[MeasurementTypeRow]) -> Result<usize, DbError> {
    match seed_missing(conn, rows) {
        Err(DbError::UniqueViolation { .. }) => seed_missing(conn, rows),
        other => other,
    }
}

fn seed_missing(conn: &mut DbConn, rows: &[MeasurementTypeRow]) -> Result<usize, DbError> {
    crate::write_tx(conn, |c| {
        let existing: Vec<String> =
            measurement_types::table.select(measurement_types::slug).load(c)?;
        let mut added = 0;
        for r in rows.iter().filter(|r| !existing.contains(&r.slug)) {
            diesel::insert_into(measurement_types::table).values(r).execute(c)?;
            added += 1;
        }
        Ok(added)
    })
}

/// Stores a reading.
pub fn insert(conn: &mut DbConn, m: &Measurement) -> Result<(), DbError> {
    diesel::insert_into(measurements::table).values(m).execute(conn)?;
    Ok(())
}

/// Rows per multi-row INSERT: 14 binds a row stays far below both backends' limits.
const INSERT_CHUNK: usize = 500;

/// Stores many readings with multi-row INSERT statements. `MultiConnection` cannot express a
/// multi-row insert, so this is the one place that matches on the backend (DESIGN §4): one
/// statement per 500 rows instead of one round trip per row.
pub fn insert_many(conn: &mut DbConn, rows: &[Measurement]) -> Result<(), DbError> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        match conn {
            DbConn::Postgresql(pg) => {
                diesel::insert_into(measurements::table).values(chunk).execute(pg)?;
            }
            DbConn::Sqlite(lite) => {
                diesel::insert_into(measurements::table).values(chunk).execute(lite)?;
            }
        }
    }
    Ok(())
}

/// Inserts the rows whose (member, client id) is not stored yet — nor earlier in `rows` — and
/// skips the others (`ON CONFLICT DO NOTHING`, no lookup first: one statement per chunk on
/// PostgreSQL, one per row on SQLite);
/// returns how many were inserted. For imports, which count duplicates but do not return
/// them: a lookup of a thousand client ids per batch, planned when the table was still small,
/// grew linear in the member's readings on PostgreSQL (the Apple Health bench).
pub fn insert_new(conn: &mut DbConn, rows: &[Measurement]) -> Result<usize, DbError> {
    let mut inserted = 0;
    for chunk in rows.chunks(INSERT_CHUNK) {
        inserted += match conn {
            DbConn::Postgresql(pg) => diesel::insert_into(measurements::table)
                .values(chunk)
                .on_conflict((measurements::user_id, measurements::client_id))
                .do_nothing()
                .execute(pg)?,
            // diesel has no multi-row ON CONFLICT for SQLite; one prepared single-row insert
            // per reading costs microseconds there (in the caller's transaction).
            DbConn::Sqlite(lite) => {
                let mut n = 0;
                for row in chunk {
                    n += diesel::insert_into(measurements::table)
                        .values(row)
                        .on_conflict((measurements::user_id, measurements::client_id))
                        .do_nothing()
                        .execute(lite)?;
                }
                n
            }
        };
    }
    Ok(inserted)
}

/// Stores day totals (steps) under their client ids: a new one is inserted; a stored one is
/// raised to a larger total (a later export of the same day) and otherwise left alone.
/// Returns how many were inserted or raised. One statement or two per row: there is one
/// total per day.
pub fn raise_day_totals(conn: &mut DbConn, rows: &[Measurement]) -> Result<usize, DbError> {
    let mut changed = 0;
    for row in rows {
        let Some(client_id) = &row.client_id else { continue };
        let raised = diesel::update(
            measurements::table
                .filter(measurements::user_id.eq(&row.user_id))
                .filter(measurements::client_id.eq(client_id))
                .filter(measurements::value1.lt(row.value1)),
        )
        .set((measurements::value1.eq(row.value1), measurements::updated_at.eq(row.updated_at)))
        .execute(conn)?;
        changed += if raised == 1 { 1 } else { insert_new(conn, std::slice::from_ref(row))? };
    }
    Ok(changed)
}

/// The reading a member stored under a client id.
pub fn find_by_client_id(
    conn: &mut DbConn,
    user_id: &str,
    client_id: &str,
) -> Result<Option<Measurement>, DbError> {
    Ok(measurements::table
        .filter(measurements::user_id.eq(user_id))
        .filter(measurements::client_id.eq(client_id))
        .select(Measurement::as_select())
        .first(conn)
        .optional()?)
}

/// The readings a member stored under any of these client ids.
pub fn find_by_client_ids(
    conn: &mut DbConn,
    user_id: &str,
    client_ids: &[String],
) -> Result<Vec<Measurement>, DbError> {
    if client_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    // Bounded IN lists keep both backends' parameter limits in reach.
    for chunk in client_ids.chunks(500) {
        out.extend(
            measurements::table
                .filter(measurements::user_id.eq(user_id))
                .filter(measurements::client_id.eq_any(chunk))
                .select(Measurement::as_select())
                .load::<Measurement>(conn)?,
        );
    }
    Ok(out)
}

/// One of a member's readings (`None` when it is not theirs).
pub fn find_for_user(
    conn: &mut DbConn,
    user_id: &str,
    id: &str,
) -> Result<Option<Measurement>, DbError> {
    Ok(measurements::table
        .filter(measurements::id.eq(id))
        .filter(measurements::user_id.eq(user_id))
        .select(Measurement::as_select())
        .first(conn)
        .optional()?)
}

/// Filters for listing.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only this type.
    pub type_slug: Option<String>,
    /// Taken at or after.
    pub from: Option<NaiveDateTime>,
    /// Taken before.
    pub to: Option<NaiveDateTime>,
    /// Keyset cursor: strictly older than (taken_at, id).
    pub before: Option<(NaiveDateTime, String)>,
}

/// A member's readings, newest first.
pub fn list(
    conn: &mut DbConn,
    user_id: &str,
    f: &ListFilter,
    limit: i64,
) -> Result<Vec<Measurement>, DbError> {
    let mut q = measurements::table
        .filter(measurements::user_id.eq(user_id))
        .select(Measurement::as_select())
        .into_boxed();
    if let Some(t) = &f.type_slug {
        q = q.filter(measurements::type_slug.eq(t.clone()));
    }
    if let Some(from) = f.from {
        q = q.filter(measurements::taken_at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(measurements::taken_at.lt(to));
    }
    if let Some((t, id)) = &f.before {
        q = q.filter(
            measurements::taken_at
                .lt(*t)
                .or(measurements::taken_at.eq(*t).and(measurements::id.lt(id.clone()))),
        );
    }
    Ok(q.order((measurements::taken_at.desc(), measurements::id.desc())).limit(limit).load(conn)?)
}

/// Replaces a reading's values, keeping the previous version as an edit record.
pub fn update_with_history(
    conn: &mut DbConn,
    before: &Measurement,
    after: &Measurement,
    previous_json: &str,
) -> Result<(), DbError> {
    diesel::insert_into(measurement_edits::table)
        .values(&MeasurementEdit {
            id: crate::new_id(),
            measurement_id: before.id.clone(),
            user_id: before.user_id.clone(),
            edited_at: after.updated_at,
            previous: previous_json.to_string(),
        })
        .execute(conn)?;
    diesel::update(measurements::table.find(&before.id))
        .set((
            measurements::value1.eq(after.value1),
            measurements::value2.eq(after.value2),
            measurements::unit.eq(&after.unit),
            measurements::taken_at.eq(after.taken_at),
            measurements::utc_offset_minutes.eq(after.utc_offset_minutes),
            measurements::note.eq(&after.note),
            measurements::updated_at.eq(after.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The edit history of a reading, oldest first.
pub fn edits(conn: &mut DbConn, measurement_id: &str) -> Result<Vec<MeasurementEdit>, DbError> {
    Ok(measurement_edits::table
        .filter(measurement_edits::measurement_id.eq(measurement_id))
        .order(measurement_edits::edited_at.asc())
        .select(MeasurementEdit::as_select())
        .load(conn)?)
}

/// Deletes one of a member's readings; false when it is not theirs.
pub fn delete_for_user(conn: &mut DbConn, user_id: &str, id: &str) -> Result<bool, DbError> {
    diesel::delete(
        measurement_edits::table
            .filter(measurement_edits::measurement_id.eq(id))
            .filter(measurement_edits::user_id.eq(user_id)),
    )
    .execute(conn)?;
    let n = diesel::delete(
        measurements::table
            .filter(measurements::id.eq(id))
            .filter(measurements::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Every reading of a member, oldest first (export).
pub fn list_all_for_user(
    conn: &mut DbConn,
    user_id: &str,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<Measurement>, DbError> {
    let mut q = measurements::table
        .filter(measurements::user_id.eq(user_id))
        .order(measurements::id.asc())
        .limit(limit)
        .select(Measurement::as_select())
        .into_boxed();
    if let Some(after) = after_id {
        q = q.filter(measurements::id.gt(after.to_string()));
    }
    Ok(q.load(conn)?)
}

/// Every edit record of a member (export).
pub fn list_edits_for_user(
    conn: &mut DbConn,
    user_id: &str,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<MeasurementEdit>, DbError> {
    let mut q = measurement_edits::table
        .filter(measurement_edits::user_id.eq(user_id))
        .order(measurement_edits::id.asc())
        .limit(limit)
        .select(MeasurementEdit::as_select())
        .into_boxed();
    if let Some(after) = after_id {
        q = q.filter(measurement_edits::id.gt(after.to_string()));
    }
    Ok(q.load(conn)?)
}

/// Deletes every reading and edit of a member (erasure).
pub fn delete_all_for_user(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(measurement_edits::table.filter(measurement_edits::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(measurements::table.filter(measurements::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// One summary bucket, per component.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct SummaryRow {
    /// First day of the bucket, `YYYY-MM-DD` (UTC).
    #[diesel(sql_type = Text)]
    pub bucket: String,
    /// Readings in the bucket.
    #[diesel(sql_type = BigInt)]
    pub n: i64,
    /// Minimum of the first component.
    #[diesel(sql_type = Double)]
    pub min1: f64,
    /// Maximum of the first component.
    #[diesel(sql_type = Double)]
    pub max1: f64,
    /// Mean of the first component.
    #[diesel(sql_type = Double)]
    pub mean1: f64,
    /// Minimum of the second component.
    #[diesel(sql_type = Nullable<Double>)]
    pub min2: Option<f64>,
    /// Maximum of the second component.
    #[diesel(sql_type = Nullable<Double>)]
    pub max2: Option<f64>,
    /// Mean of the second component.
    #[diesel(sql_type = Nullable<Double>)]
    pub mean2: Option<f64>,
}

/// Bucket width for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryBucket {
    /// Day.
    Day,
    /// Week starting Monday.
    Week,
    /// Month.
    Month,
}

/// Per-bucket count / min / max / mean of one member's one type over `[from, to)`, computed
/// in the database (one index range scan) so years of data answer quickly.
pub fn summary(
    conn: &mut DbConn,
    user_id: &str,
    type_slug: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    bucket: SummaryBucket,
) -> Result<Vec<SummaryRow>, DbError> {
    let expr = match (conn.backend(), bucket) {
        (crate::Backend::Sqlite, SummaryBucket::Day) => "substr(taken_at, 1, 10)",
        (crate::Backend::Sqlite, SummaryBucket::Week) => "date(taken_at, '-6 days', 'weekday 1')",
        (crate::Backend::Sqlite, SummaryBucket::Month) => "substr(taken_at, 1, 7) || '-01'",
        (crate::Backend::Postgres, SummaryBucket::Day) => {
            "to_char(date_trunc('day', taken_at), 'YYYY-MM-DD')"
        }
        (crate::Backend::Postgres, SummaryBucket::Week) => {
            "to_char(date_trunc('week', taken_at), 'YYYY-MM-DD')"
        }
        (crate::Backend::Postgres, SummaryBucket::Month) => {
            "to_char(date_trunc('month', taken_at), 'YYYY-MM-DD')"
        }
    };
    let pg = conn.backend() == crate::Backend::Postgres;
    let p = |n: usize| if pg { format!("${n}") } else { "?".to_string() };
    let sql = format!(
        "SELECT {expr} AS bucket, COUNT(*) AS n, \
         MIN(value1) AS min1, MAX(value1) AS max1, AVG(value1) AS mean1, \
         MIN(value2) AS min2, MAX(value2) AS max2, AVG(value2) AS mean2 \
         FROM measurements \
         WHERE user_id = {} AND type_slug = {} AND taken_at >= {} AND taken_at < {} \
         GROUP BY 1 ORDER BY 1",
        p(1),
        p(2),
        p(3),
        p(4)
    );
    Ok(diesel::sql_query(sql)
        .bind::<Text, _>(user_id)
        .bind::<Text, _>(type_slug)
        .bind::<Timestamp, _>(from)
        .bind::<Timestamp, _>(to)
        .load(conn)?)
}

/// Values (`value1`, `value2`) of a member's readings of one type taken in `[from, before)`,
/// newest first, at most `limit`.
pub fn recent_values(
    conn: &mut DbConn,
    user_id: &str,
    type_slug: &str,
    (from, before): (NaiveDateTime, NaiveDateTime),
    limit: i64,
) -> Result<Vec<(NaiveDateTime, f64, Option<f64>)>, DbError> {
    Ok(measurements::table
        .filter(measurements::user_id.eq(user_id))
        .filter(measurements::type_slug.eq(type_slug))
        .filter(measurements::taken_at.ge(from))
        .filter(measurements::taken_at.lt(before))
        .order((measurements::taken_at.desc(), measurements::id.desc()))
        .limit(limit)
        .select((measurements::taken_at, measurements::value1, measurements::value2))
        .load(conn)?)
}

/// How many readings of one type a member has, and when the first and last were taken.
pub fn extent(
    conn: &mut DbConn,
    user_id: &str,
    type_slug: &str,
) -> Result<(i64, Option<NaiveDateTime>, Option<NaiveDateTime>), DbError> {
    use diesel::dsl::{count_star, max, min};
    Ok(measurements::table
        .filter(measurements::user_id.eq(user_id))
        .filter(measurements::type_slug.eq(type_slug))
        .select((count_star(), min(measurements::taken_at), max(measurements::taken_at)))
        .first(conn)?)
}

/// A member's display units.
pub fn display_units(conn: &mut DbConn, user_id: &str) -> Result<Vec<DisplayUnit>, DbError> {
    Ok(display_units::table
        .filter(display_units::user_id.eq(user_id))
        .order(display_units::type_slug.asc())
        .select(DisplayUnit::as_select())
        .load(conn)?)
}

/// Sets a member's display unit for a type (insert or replace; `MultiConnection` has no
/// upsert, so an update first and an insert when there was nothing to update). Run it in a
/// write transaction; two concurrent first choices make one of them fail on the primary key.
pub fn set_display_unit(conn: &mut DbConn, row: &DisplayUnit) -> Result<(), DbError> {
    let updated = diesel::update(
        display_units::table
            .filter(display_units::user_id.eq(&row.user_id))
            .filter(display_units::type_slug.eq(&row.type_slug)),
    )
    .set((display_units::unit.eq(&row.unit), display_units::updated_at.eq(row.updated_at)))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(display_units::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// Deletes a member's display units (erasure).
pub fn delete_display_units(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(display_units::table.filter(display_units::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// A member's target ranges.
pub fn targets(conn: &mut DbConn, user_id: &str) -> Result<Vec<TargetRow>, DbError> {
    Ok(measurement_targets::table
        .filter(measurement_targets::user_id.eq(user_id))
        .order(measurement_targets::type_slug.asc())
        .select(TargetRow::as_select())
        .load(conn)?)
}

/// Sets a member's target range for a type (update, or insert when there was none; run it in
/// a write transaction).
pub fn set_target(conn: &mut DbConn, row: &TargetRow) -> Result<(), DbError> {
    let updated = diesel::update(
        measurement_targets::table
            .filter(measurement_targets::user_id.eq(&row.user_id))
            .filter(measurement_targets::type_slug.eq(&row.type_slug)),
    )
    .set(row)
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(measurement_targets::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// Removes a member's target range for a type; false when there was none.
pub fn delete_target(conn: &mut DbConn, user_id: &str, type_slug: &str) -> Result<bool, DbError> {
    Ok(diesel::delete(
        measurement_targets::table
            .filter(measurement_targets::user_id.eq(user_id))
            .filter(measurement_targets::type_slug.eq(type_slug)),
    )
    .execute(conn)?
        > 0)
}

/// Deletes a member's target ranges (erasure).
pub fn delete_targets(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(measurement_targets::table.filter(measurement_targets::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// The values of a member's readings of one type taken at or after `since`.
pub fn values_since(
    conn: &mut DbConn,
    user_id: &str,
    type_slug: &str,
    since: NaiveDateTime,
) -> Result<Vec<(f64, Option<f64>)>, DbError> {
    Ok(measurements::table
        .filter(measurements::user_id.eq(user_id))
        .filter(measurements::type_slug.eq(type_slug))
        .filter(measurements::taken_at.ge(since))
        .select((measurements::value1, measurements::value2))
        .load(conn)?)
}

/// Records a new Apple Health import.
pub fn insert_health_import(conn: &mut DbConn, row: &HealthImport) -> Result<(), DbError> {
    diesel::insert_into(health_imports::table).values(row).execute(conn)?;
    Ok(())
}

/// One of a member's imports (`None`: not theirs or no such import).
pub fn find_health_import(
    conn: &mut DbConn,
    user_id: &str,
    id: &str,
) -> Result<Option<HealthImport>, DbError> {
    Ok(health_imports::table
        .filter(health_imports::id.eq(id))
        .filter(health_imports::user_id.eq(user_id))
        .select(HealthImport::as_select())
        .first(conn)
        .optional()?)
}

/// An import by id (the job that runs it).
pub fn health_import(conn: &mut DbConn, id: &str) -> Result<Option<HealthImport>, DbError> {
    Ok(health_imports::table.find(id).select(HealthImport::as_select()).first(conn).optional()?)
}

/// A member's imports, newest first.
pub fn health_imports_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<HealthImport>, DbError> {
    Ok(health_imports::table
        .filter(health_imports::user_id.eq(user_id))
        .order(health_imports::created_at.desc())
        .select(HealthImport::as_select())
        .load(conn)?)
}

/// Records an import's progress and state.
pub fn update_health_import(conn: &mut DbConn, row: &HealthImport) -> Result<(), DbError> {
    diesel::update(health_imports::table.find(&row.id))
        .set((
            health_imports::state.eq(&row.state),
            health_imports::bytes_done.eq(row.bytes_done),
            health_imports::readings.eq(row.readings),
            health_imports::imported.eq(row.imported),
            health_imports::skipped.eq(row.skipped),
            health_imports::error.eq(&row.error),
            health_imports::finished_at.eq(row.finished_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes a member's import records (erasure).
pub fn delete_health_imports(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(health_imports::table.filter(health_imports::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
