//! Reports, the moderation log, bans, appeals, notifications and admin flags.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::models::forum::{AdminFlag, Appeal, Ban, ModAction, Notification, Report};
use crate::schema::{admin_flags, appeals, bans, mod_actions, notifications, reports};
use crate::{DbConn, DbError};

// ---- reports -----------------------------------------------------------------------------

/// Files a report.
pub fn insert_report(conn: &mut DbConn, r: &Report) -> Result<(), DbError> {
    diesel::insert_into(reports::table).values(r).execute(conn)?;
    Ok(())
}

/// The report with this id.
pub fn find_report(conn: &mut DbConn, id: &str) -> Result<Option<Report>, DbError> {
    Ok(reports::table.find(id).select(Report::as_select()).first(conn).optional()?)
}

/// Where a report queue page starts: after this (priority, filed, id).
pub type ReportKey = (i32, NaiveDateTime, String);

/// A page of a community's reports in one status, self-harm concerns first, then oldest
/// first.
pub fn list_reports(
    conn: &mut DbConn,
    community_id: &str,
    status: &str,
    after: Option<&ReportKey>,
    limit: i64,
) -> Result<Vec<Report>, DbError> {
    let mut q = reports::table
        .filter(reports::community_id.eq(community_id.to_string()))
        .filter(reports::status.eq(status.to_string()))
        .select(Report::as_select())
        .into_boxed();
    if let Some((p, at, id)) = after {
        let (p, at, id) = (*p, *at, id.clone());
        q = q.filter(reports::priority.gt(p).or(reports::priority.eq(p).and(
            reports::created_at.gt(at).or(reports::created_at.eq(at).and(reports::id.gt(id))),
        )));
    }
    Ok(q.order((reports::priority.asc(), reports::created_at.asc(), reports::id.asc()))
        .limit(limit)
        .load(conn)?)
}

/// Closes an open report; false when it was not open (someone resolved it first).
pub fn resolve_report(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    by: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    Ok(diesel::update(reports::table.find(id).filter(reports::status.eq("open")))
        .set((
            reports::status.eq(status),
            reports::resolved_by.eq(Some(by)),
            reports::resolution_reason.eq(Some(reason)),
            reports::resolved_at.eq(Some(now)),
        ))
        .execute(conn)?
        > 0)
}

/// Closes every open report of a post (or of a thread's own text when `post_id` is `None`)
/// once the content is removed.
pub fn action_reports_of(
    conn: &mut DbConn,
    thread_id: &str,
    post_id: Option<&str>,
    by: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    let base = reports::table
        .filter(reports::thread_id.eq(thread_id.to_string()))
        .filter(reports::status.eq("open"))
        .into_boxed();
    let ids: Vec<String> = match post_id {
        Some(p) => {
            base.filter(reports::post_id.eq(p.to_string())).select(reports::id).load(conn)?
        }
        None => base.select(reports::id).load(conn)?,
    };
    Ok(diesel::update(reports::table.filter(reports::id.eq_any(ids)))
        .set((
            reports::status.eq("actioned"),
            reports::resolved_by.eq(Some(by)),
            reports::resolution_reason.eq(Some(reason)),
            reports::resolved_at.eq(Some(now)),
        ))
        .execute(conn)?)
}

/// Reports the member filed (export), after an id.
pub fn reports_by(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Report>, DbError> {
    let mut q = reports::table
        .filter(reports::reporter_id.eq(user_id.to_string()))
        .select(Report::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(reports::id.gt(a.to_string()));
    }
    Ok(q.order(reports::id.asc()).limit(limit).load(conn)?)
}

/// Erasure: the member's reports lose their details (the snapshot is of someone else's
/// text and stays for the moderators' record); the reporter stays as the pseudonymous id.
pub fn erase_reports_by(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::update(reports::table.filter(reports::reporter_id.eq(user_id)))
        .set(reports::details.eq(""))
        .execute(conn)?;
    // Reports about the member's own posts keep no copy of the erased text.
    diesel::update(
        reports::table.filter(
            reports::post_id.eq_any(
                crate::schema::posts::table
                    .filter(crate::schema::posts::author_id.eq(user_id))
                    .select(crate::schema::posts::id.nullable()),
            ),
        ),
    )
    .set(reports::snapshot.eq(""))
    .execute(conn)?;
    Ok(())
}

// ---- the moderation log ------------------------------------------------------------------

/// Writes one log row.
pub fn insert_action(conn: &mut DbConn, a: &ModAction) -> Result<(), DbError> {
    diesel::insert_into(mod_actions::table).values(a).execute(conn)?;
    Ok(())
}

/// The log row with this id.
pub fn find_action(conn: &mut DbConn, id: &str) -> Result<Option<ModAction>, DbError> {
    Ok(mod_actions::table.find(id).select(ModAction::as_select()).first(conn).optional()?)
}

/// A page of a community's log, newest first, before (time, id).
pub fn list_actions(
    conn: &mut DbConn,
    community_id: &str,
    before: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<ModAction>, DbError> {
    let mut q = mod_actions::table
        .filter(mod_actions::community_id.eq(community_id.to_string()))
        .select(ModAction::as_select())
        .into_boxed();
    if let Some((at, id)) = before {
        let (at, id) = (*at, id.clone());
        q = q.filter(
            mod_actions::created_at
                .lt(at)
                .or(mod_actions::created_at.eq(at).and(mod_actions::id.lt(id))),
        );
    }
    Ok(q.order((mod_actions::created_at.desc(), mod_actions::id.desc())).limit(limit).load(conn)?)
}

/// Actions taken against the member (export), after an id.
pub fn actions_against(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<ModAction>, DbError> {
    let mut q = mod_actions::table
        .filter(mod_actions::target_user_id.eq(user_id.to_string()))
        .select(ModAction::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(mod_actions::id.gt(a.to_string()));
    }
    Ok(q.order(mod_actions::id.asc()).limit(limit).load(conn)?)
}

// ---- bans --------------------------------------------------------------------------------

/// Records a ban.
pub fn insert_ban(conn: &mut DbConn, b: &Ban) -> Result<(), DbError> {
    diesel::insert_into(bans::table).values(b).execute(conn)?;
    Ok(())
}

/// The member's ban in force in a community at `now`, if any (the longest one).
pub fn active_ban(
    conn: &mut DbConn,
    community_id: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<Option<Ban>, DbError> {
    let rows: Vec<Ban> = bans::table
        .filter(bans::community_id.eq(community_id))
        .filter(bans::user_id.eq(user_id))
        .filter(bans::lifted_at.is_null())
        .filter(bans::expires_at.is_null().or(bans::expires_at.gt(now)))
        .select(Ban::as_select())
        .load(conn)?;
    Ok(rows.into_iter().max_by_key(|b| b.expires_at.unwrap_or(NaiveDateTime::MAX)))
}

/// Lifts every ban of the member in a community; how many were in force.
pub fn lift_bans(
    conn: &mut DbConn,
    community_id: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        bans::table
            .filter(bans::community_id.eq(community_id))
            .filter(bans::user_id.eq(user_id))
            .filter(bans::lifted_at.is_null())
            .filter(bans::expires_at.is_null().or(bans::expires_at.gt(now))),
    )
    .set(bans::lifted_at.eq(Some(now)))
    .execute(conn)?)
}

/// Lifts the ban a log row imposed (an appeal reversed it).
pub fn lift_ban_of(
    conn: &mut DbConn,
    mod_action_id: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(bans::table.filter(bans::mod_action_id.eq(mod_action_id)))
        .set(bans::lifted_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

// ---- appeals -----------------------------------------------------------------------------

/// Files an appeal.
pub fn insert_appeal(conn: &mut DbConn, a: &Appeal) -> Result<(), DbError> {
    diesel::insert_into(appeals::table).values(a).execute(conn)?;
    Ok(())
}

/// The appeal with this id.
pub fn find_appeal(conn: &mut DbConn, id: &str) -> Result<Option<Appeal>, DbError> {
    Ok(appeals::table.find(id).select(Appeal::as_select()).first(conn).optional()?)
}

/// Closes an open appeal; false when it was not open.
pub fn resolve_appeal(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    by: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    Ok(diesel::update(appeals::table.find(id).filter(appeals::status.eq("open")))
        .set((
            appeals::status.eq(status),
            appeals::resolved_by.eq(Some(by)),
            appeals::resolution_reason.eq(Some(reason)),
            appeals::resolved_at.eq(Some(now)),
        ))
        .execute(conn)?
        > 0)
}

/// Open appeals against actions in the given communities (every community when `None`),
/// leaving out actions `not_by` took, oldest first, with the action appealed.
pub fn open_appeals(
    conn: &mut DbConn,
    community_ids: Option<&[String]>,
    not_by: Option<&str>,
    limit: i64,
) -> Result<Vec<(Appeal, ModAction)>, DbError> {
    let mut q = appeals::table
        .inner_join(mod_actions::table.on(mod_actions::id.eq(appeals::mod_action_id)))
        .filter(appeals::status.eq("open"))
        .select((Appeal::as_select(), ModAction::as_select()))
        .into_boxed();
    if let Some(ids) = community_ids {
        q = q.filter(mod_actions::community_id.eq_any(ids.to_vec()));
    }
    if let Some(me) = not_by {
        q = q.filter(
            mod_actions::moderator_id.is_null().or(mod_actions::moderator_id.ne(me.to_string())),
        );
    }
    Ok(q.order((appeals::created_at.asc(), appeals::id.asc())).limit(limit).load(conn)?)
}

/// The member's appeals (export), after an id.
pub fn appeals_by(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Appeal>, DbError> {
    let mut q = appeals::table
        .filter(appeals::user_id.eq(user_id.to_string()))
        .select(Appeal::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(appeals::id.gt(a.to_string()));
    }
    Ok(q.order(appeals::id.asc()).limit(limit).load(conn)?)
}

/// Erasure: the member's appeal statements are blanked (the outcome stays in the log).
pub fn erase_appeals_by(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::update(appeals::table.filter(appeals::user_id.eq(user_id)))
        .set(appeals::statement.eq(""))
        .execute(conn)?;
    Ok(())
}

// ---- notifications -----------------------------------------------------------------------

/// Adds a notification.
pub fn notify(conn: &mut DbConn, n: &Notification) -> Result<(), DbError> {
    diesel::insert_into(notifications::table).values(n).execute(conn)?;
    Ok(())
}

/// A page of the member's notifications, newest first, before (time, id).
pub fn notifications_of(
    conn: &mut DbConn,
    user_id: &str,
    before: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<Notification>, DbError> {
    let mut q = notifications::table
        .filter(notifications::user_id.eq(user_id.to_string()))
        .select(Notification::as_select())
        .into_boxed();
    if let Some((at, id)) = before {
        let (at, id) = (*at, id.clone());
        q = q.filter(
            notifications::created_at
                .lt(at)
                .or(notifications::created_at.eq(at).and(notifications::id.lt(id))),
        );
    }
    Ok(q.order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .load(conn)?)
}

/// How many of the member's notifications are unread.
pub fn unread_count(conn: &mut DbConn, user_id: &str) -> Result<i64, DbError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Marks one of the member's notifications read; false when it is not theirs.
pub fn mark_notification_read(
    conn: &mut DbConn,
    user_id: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n =
        diesel::update(notifications::table.find(id).filter(notifications::user_id.eq(user_id)))
            .set(notifications::read_at.eq(Some(now)))
            .execute(conn)?;
    Ok(n > 0)
}

/// Marks all the member's notifications read; how many were unread.
pub fn mark_all_read(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now)))
    .execute(conn)?)
}

/// Erasure: the member's notifications go.
pub fn delete_notifications(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(notifications::table.filter(notifications::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

// ---- admin flags -------------------------------------------------------------------------

/// Flags an account to admins.
pub fn insert_flag(conn: &mut DbConn, f: &AdminFlag) -> Result<(), DbError> {
    diesel::insert_into(admin_flags::table).values(f).execute(conn)?;
    Ok(())
}

/// Whether the account has an open flag of this kind raised since a time.
pub fn flagged_since(
    conn: &mut DbConn,
    user_id: &str,
    kind: &str,
    since: NaiveDateTime,
) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        admin_flags::table
            .filter(admin_flags::user_id.eq(user_id))
            .filter(admin_flags::kind.eq(kind))
            .filter(admin_flags::created_at.gt(since)),
    ))
    .get_result(conn)?)
}

/// A page of open flags, newest first, before (time, id).
pub fn open_flags(
    conn: &mut DbConn,
    before: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> Result<Vec<AdminFlag>, DbError> {
    let mut q = admin_flags::table
        .filter(admin_flags::resolved_at.is_null())
        .select(AdminFlag::as_select())
        .into_boxed();
    if let Some((at, id)) = before {
        let (at, id) = (*at, id.clone());
        q = q.filter(
            admin_flags::created_at
                .lt(at)
                .or(admin_flags::created_at.eq(at).and(admin_flags::id.lt(id))),
        );
    }
    Ok(q.order((admin_flags::created_at.desc(), admin_flags::id.desc())).limit(limit).load(conn)?)
}

/// Erasure: bans of the member go (the log keeps the row that imposed them).
pub fn delete_bans(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(bans::table.filter(bans::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// Bans of the member (export).
pub fn bans_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<Ban>, DbError> {
    Ok(bans::table.filter(bans::user_id.eq(user_id)).select(Ban::as_select()).load(conn)?)
}

/// Flags about the member (export).
pub fn flags_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<AdminFlag>, DbError> {
    Ok(admin_flags::table
        .filter(admin_flags::user_id.eq(user_id))
        .select(AdminFlag::as_select())
        .load(conn)?)
}

/// Erasure: flags about the member go.
pub fn delete_flags(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(admin_flags::table.filter(admin_flags::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// The member's notifications (export), after an id.
pub fn notifications_by(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Notification>, DbError> {
    let mut q = notifications::table
        .filter(notifications::user_id.eq(user_id.to_string()))
        .select(Notification::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(notifications::id.gt(a.to_string()));
    }
    Ok(q.order(notifications::id.asc()).limit(limit).load(conn)?)
}
