//! Reports, moderator actions, the moderation log and appeals (DESIGN §6.3).
//!
//! Every moderator action needs a reason and writes, in one transaction, one moderation-log
//! row, one audit event and a notification to the member affected (and an email when they
//! chose email notifications), with the reason. Moderators act in their own communities,
//! admins everywhere ([`crate::authz::require_moderator`]).

use chrono::{DateTime, Utc};
use kindred_db::models::forum::{Appeal, Ban, ModAction, Post, Report, Thread};
use kindred_db::page::{self, Cursor};
use kindred_db::queries::{audit, forum, forum_search, moderation, users};
use kindred_db::{DbConn, DbError};
use kindred_domain::audit::Action;
use kindred_domain::forum::{
    AppealStatus, ContentStatus, ModActionKind, ReportCategory, ReportStatus,
};

use super::notifications::notify;
use super::posts::{index_post, readable_post, readable_thread};
use crate::authz::{self, Actor, Moderator, Reader};
use crate::mail::sealed::Outbox;
use crate::mail::templates;
use crate::AppError;

/// What a report is about.
#[derive(Debug, Clone)]
pub enum Target {
    /// A post.
    Post(String),
    /// A thread (its title and first post).
    Thread(String),
}

/// Reports a post or thread the actor may read, with a snapshot of its text as it is now.
/// Self-harm concerns go to the top of the queue.
pub fn report(
    c: &mut DbConn,
    actor: &Actor,
    target: &Target,
    category: ReportCategory,
    details: &str,
) -> Result<Report, AppError> {
    kindred_db::write_tx(c, |c| {
        let (reader, thread, post, snapshot) = match target {
            Target::Post(id) => {
                let (reader, thread, post) = readable_post(c, actor, id)?;
                let snapshot = if post.seq == 1 {
                    format!("{}\n\n{}", thread.title, post.body)
                } else {
                    post.body.clone()
                };
                (reader, thread, Some(post), snapshot)
            }
            Target::Thread(id) => {
                let (reader, thread) = readable_thread(c, actor, id)?;
                let first = forum::post_at(c, &thread.id, 1)?;
                let body = first.map(|p| p.body).unwrap_or_default();
                let snapshot = format!("{}\n\n{body}", thread.title);
                (reader, thread, None, snapshot)
            }
        };
        if let Some(p) = &post {
            if p.status()? != ContentStatus::Published {
                return Err(AppError::Conflict {
                    code: "not_reportable",
                    detail: "Only published posts can be reported.".into(),
                });
            }
        }
        let _poster = authz::require_poster(c, reader)?;
        let r = Report {
            id: kindred_db::new_id(),
            community_id: thread.community_id.clone(),
            thread_id: thread.id.clone(),
            post_id: post.map(|p| p.id),
            reporter_id: Some(actor.id.clone()),
            category: category.as_str().into(),
            details: details.to_string(),
            snapshot,
            priority: category.priority(),
            status: ReportStatus::Open.as_str().into(),
            resolved_by: None,
            resolution_reason: None,
            resolved_at: None,
            created_at: kindred_db::now_utc().naive_utc(),
        };
        moderation::insert_report(c, &r)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityReportFiled, Some(&actor.id))
                .subject("report", &r.id)
                .details(serde_json::json!({ "category": r.category })),
        )?;
        Ok(r)
    })
}

/// A report in the queue, with the content it is about as it is now.
#[derive(Debug, Clone)]
pub struct Queued {
    /// The report.
    pub report: Report,
    /// The post reported (or the thread's first post).
    pub post: Option<Post>,
    /// The thread.
    pub thread: Option<Thread>,
}

/// A page of the community's reports in one status: self-harm concerns first, then oldest
/// first.
pub fn queue(
    c: &mut DbConn,
    m: &Moderator,
    status: ReportStatus,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<Queued>, Option<String>), AppError> {
    let after = match cursor {
        Some(cur) => match cur.as_parts() {
            [p, micros, id] if !id.is_empty() && id.len() <= 64 => {
                let p: i32 = p.parse().map_err(|_| crate::error::invalid_cursor())?;
                let t = micros
                    .parse()
                    .ok()
                    .and_then(chrono::DateTime::from_timestamp_micros)
                    .ok_or_else(crate::error::invalid_cursor)?
                    .naive_utc();
                Some((p, t, id.clone()))
            }
            _ => return Err(crate::error::invalid_cursor()),
        },
        None => None,
    };
    let community = &m.reader().community().id;
    let rows = moderation::list_reports(c, community, status.as_str(), after.as_ref(), limit + 1)?;
    let (rows, next) = page::cut(rows, limit, |r| {
        Cursor::parts(vec![
            r.priority.to_string(),
            r.created_at.and_utc().timestamp_micros().to_string(),
            r.id.clone(),
        ])
    });
    let mut out = Vec::with_capacity(rows.len());
    for report in rows {
        let post = match &report.post_id {
            Some(id) => forum::find_post(c, id)?,
            None => forum::post_at(c, &report.thread_id, 1)?,
        };
        let thread = forum::find_thread(c, &report.thread_id)?;
        out.push(Queued { report, post, thread });
    }
    Ok((out, next))
}

/// The community's held first posts, oldest first.
pub fn held(c: &mut DbConn, m: &Moderator, limit: i64) -> Result<Vec<Post>, AppError> {
    Ok(forum::held_posts(c, &m.reader().community().id, limit)?)
}

/// What [`act`] records.
struct Act<'a> {
    kind: ModActionKind,
    target_kind: &'a str,
    target_id: &'a str,
    target_user: Option<&'a str>,
    reason: &'a str,
    expires_at: Option<DateTime<Utc>>,
    /// What the member is told (the reason is added).
    notice: Option<String>,
    link: Option<String>,
}

/// Writes the log row, the audit event and the member's notification (and email) for one
/// action, in the caller's transaction.
fn act(
    c: &mut DbConn,
    outbox: &Outbox,
    community_id: &str,
    moderator_id: Option<&str>,
    a: Act<'_>,
) -> Result<ModAction, AppError> {
    let row = ModAction {
        id: kindred_db::new_id(),
        community_id: community_id.to_string(),
        moderator_id: moderator_id.map(str::to_string),
        action: a.kind.as_str().into(),
        target_kind: a.target_kind.into(),
        target_id: a.target_id.into(),
        target_user_id: a.target_user.map(str::to_string),
        reason: a.reason.into(),
        expires_at: a.expires_at.map(|t| t.naive_utc()),
        created_at: kindred_db::now_utc().naive_utc(),
    };
    moderation::insert_action(c, &row)?;
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::CommunityModerated, moderator_id)
            .subject("mod_action", &row.id)
            .details(serde_json::json!({ "action": row.action, "target": row.target_kind })),
    )?;
    if let (Some(user_id), Some(notice)) = (a.target_user, a.notice) {
        let text = format!("{notice} Reason: {}", a.reason);
        let link = a.link.unwrap_or_else(|| "/notifications".into());
        notify(c, user_id, "moderation", &text, Some(&link))?;
        if let Some(u) = users::find(c, user_id)? {
            if let (true, Some(to)) = (u.notify_email, u.email.as_deref()) {
                outbox.queue(
                    c,
                    Some(user_id),
                    to,
                    &templates::community_notice(&text, &outbox.link(&link)),
                )?;
            }
        }
    }
    Ok(row)
}

/// The moderator proof for the community of a post. The community is checked first: who may
/// not read it gets 404, a reader who does not moderate it 403 `moderators_only` (even when
/// the post itself is hidden from them, e.g. held or removed); moderators see every post.
fn moderator_of_post(
    c: &mut DbConn,
    actor: &Actor,
    post_id: &str,
) -> Result<(Moderator, Thread, Post), AppError> {
    let post = forum::find_post(c, post_id)?.ok_or(AppError::NotFound)?;
    let (m, thread) = moderator_of_thread(c, actor, &post.thread_id)?;
    Ok((m, thread, post))
}

/// The moderator proof for the community of a thread, checked as for
/// [`moderator_of_post`]: 404 to who may not read the community, 403 `moderators_only` to
/// its other readers (even when the thread itself is hidden from them).
pub fn moderator_of_thread(
    c: &mut DbConn,
    actor: &Actor,
    thread_id: &str,
) -> Result<(Moderator, Thread), AppError> {
    let thread = forum::find_thread(c, thread_id)?.ok_or(AppError::NotFound)?;
    let community = forum::community_by_id(c, &thread.community_id)?.ok_or(AppError::NotFound)?;
    let reader = authz::reader_of(c, actor, community)?;
    Ok((authz::require_moderator(reader)?, thread))
}

fn set_post(
    c: &mut DbConn,
    thread: &Thread,
    post: &Post,
    status: ContentStatus,
) -> Result<(), AppError> {
    let now = kindred_db::now_utc().naive_utc();
    forum::set_post_status(c, &post.id, status.as_str(), now)?;
    match status {
        ContentStatus::Published => {
            let mut p = post.clone();
            p.status = status.as_str().into();
            index_post(c, thread, &p)?;
        }
        ContentStatus::Removed => forum_search::set_status(c, &post.id, status.as_str())?,
        _ => forum_search::unindex(c, &post.id)?,
    }
    Ok(())
}

fn community_name(c: &mut DbConn, id: &str) -> Result<String, AppError> {
    Ok(forum::community_by_id(c, id)?.map(|x| x.name).unwrap_or_default())
}

/// Removes a published post (or restores a removed one); the author is told why. Open
/// reports of the post are closed as actioned on removal.
pub fn set_post_removed(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    post_id: &str,
    removed: bool,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let (m, thread, post) = moderator_of_post(c, actor, post_id)?;
        let (from, to, kind, verb) = if removed {
            (
                ContentStatus::Published,
                ContentStatus::Removed,
                ModActionKind::PostRemoved,
                "removed",
            )
        } else {
            (
                ContentStatus::Removed,
                ContentStatus::Published,
                ModActionKind::PostRestored,
                "restored",
            )
        };
        if post.status()? != from {
            return Err(AppError::Conflict {
                code: "wrong_state",
                detail: format!("This post is {}, not {}.", post.status()?.as_str(), from.as_str()),
            });
        }
        set_post(c, &thread, &post, to)?;
        if removed {
            let now = kindred_db::now_utc().naive_utc();
            moderation::action_reports_of(c, &thread.id, Some(&post.id), m.id(), reason, now)?;
        }
        let name = community_name(c, &thread.community_id)?;
        act(
            c,
            outbox,
            &thread.community_id,
            Some(m.id()),
            Act {
                kind,
                target_kind: "post",
                target_id: &post.id,
                target_user: Some(&post.author_id),
                reason,
                expires_at: None,
                notice: Some(format!("A moderator {verb} your post in {name}.")),
                link: Some(format!("/threads/{}#post-{}", thread.id, post.seq)),
            },
        )
    })
}

/// The moderators' actions on one post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostAction {
    /// Remove a published post.
    Remove,
    /// Restore a removed post.
    Restore,
    /// Publish a held first post.
    Approve,
    /// Refuse a held first post.
    Reject,
}

/// Removes, restores, approves or rejects a post (see [`set_post_removed`] and
/// [`review_held`]).
pub fn post_action(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    post_id: &str,
    action: PostAction,
    reason: &str,
) -> Result<ModAction, AppError> {
    match action {
        PostAction::Remove => set_post_removed(c, outbox, actor, post_id, true, reason),
        PostAction::Restore => set_post_removed(c, outbox, actor, post_id, false, reason),
        PostAction::Approve => review_held(c, outbox, actor, post_id, true, reason),
        PostAction::Reject => review_held(c, outbox, actor, post_id, false, reason),
    }
}

/// The thread-level actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadAction {
    /// Lock.
    Lock,
    /// Unlock.
    Unlock,
    /// Pin.
    Pin,
    /// Unpin.
    Unpin,
    /// Remove.
    Remove,
    /// Restore.
    Restore,
}

/// Locks, unlocks, pins, unpins, removes or restores a thread (with a reason, logged; the
/// thread's author is told of a removal or restore).
pub fn thread_action(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    thread_id: &str,
    action: ThreadAction,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let (m, t) = moderator_of_thread(c, actor, thread_id)?;
        let now = kindred_db::now_utc().naive_utc();
        let status = t.status()?;
        let conflict = |what: &str| AppError::Conflict {
            code: "wrong_state",
            detail: format!("This thread is already {what}."),
        };
        let name = community_name(c, &t.community_id)?;
        let (kind, notice) = match action {
            ThreadAction::Lock if t.locked => return Err(conflict("locked")),
            ThreadAction::Unlock if !t.locked => return Err(conflict("unlocked")),
            ThreadAction::Pin if t.pinned => return Err(conflict("pinned")),
            ThreadAction::Unpin if !t.pinned => return Err(conflict("unpinned")),
            ThreadAction::Remove if status != ContentStatus::Published => {
                return Err(conflict("not published"))
            }
            ThreadAction::Restore if status != ContentStatus::Removed => {
                return Err(conflict("not removed"))
            }
            ThreadAction::Lock => {
                forum::set_thread_flags(c, &t.id, t.pinned, true, now)?;
                (ModActionKind::ThreadLocked, None)
            }
            ThreadAction::Unlock => {
                forum::set_thread_flags(c, &t.id, t.pinned, false, now)?;
                (ModActionKind::ThreadUnlocked, None)
            }
            ThreadAction::Pin => {
                forum::set_thread_flags(c, &t.id, true, t.locked, now)?;
                (ModActionKind::ThreadPinned, None)
            }
            ThreadAction::Unpin => {
                forum::set_thread_flags(c, &t.id, false, t.locked, now)?;
                (ModActionKind::ThreadUnpinned, None)
            }
            ThreadAction::Remove => {
                forum::set_thread_status(c, &t.id, ContentStatus::Removed.as_str(), now)?;
                set_thread_posts_searchable(c, &t.id, false)?;
                moderation::action_reports_of(c, &t.id, None, m.id(), reason, now)?;
                (
                    ModActionKind::ThreadRemoved,
                    Some(format!("A moderator removed your thread in {name}.")),
                )
            }
            ThreadAction::Restore => {
                forum::set_thread_status(c, &t.id, ContentStatus::Published.as_str(), now)?;
                set_thread_posts_searchable(c, &t.id, true)?;
                (
                    ModActionKind::ThreadRestored,
                    Some(format!("A moderator restored your thread in {name}.")),
                )
            }
        };
        act(
            c,
            outbox,
            &t.community_id,
            Some(m.id()),
            Act {
                kind,
                target_kind: "thread",
                target_id: &t.id,
                target_user: notice.as_ref().map(|_| t.author_id.as_str()),
                reason,
                expires_at: None,
                notice,
                link: Some(format!("/threads/{}", t.id)),
            },
        )
    })
}

/// A removed thread's posts leave members' search (they stay findable by moderators); a
/// restored thread's published posts come back.
fn set_thread_posts_searchable(c: &mut DbConn, thread_id: &str, on: bool) -> Result<(), AppError> {
    let mut after = 0;
    loop {
        let posts = forum::list_posts(c, thread_id, after, 500)?;
        let Some(last) = posts.last() else { break };
        after = last.seq;
        for p in &posts {
            if p.status()? == ContentStatus::Published {
                forum_search::set_status(c, &p.id, if on { "published" } else { "removed" })?;
            }
        }
    }
    Ok(())
}

/// Approves or rejects a new member's held post; an approved first post of a held thread
/// publishes the thread too.
pub fn review_held(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    post_id: &str,
    approve: bool,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let (m, thread, post) = moderator_of_post(c, actor, post_id)?;
        if post.status()? != ContentStatus::Held {
            return Err(AppError::Conflict {
                code: "wrong_state",
                detail: "This post is not waiting for approval.".into(),
            });
        }
        let now = kindred_db::now_utc().naive_utc();
        let to = if approve { ContentStatus::Published } else { ContentStatus::Rejected };
        if thread.status()? == ContentStatus::Held && post.seq == 1 {
            forum::set_thread_status(c, &thread.id, to.as_str(), now)?;
        }
        let thread = forum::find_thread(c, &thread.id)?.ok_or(AppError::NotFound)?;
        set_post(c, &thread, &post, to)?;
        let name = community_name(c, &thread.community_id)?;
        let (kind, notice) = if approve {
            (ModActionKind::PostApproved, format!("A moderator approved your post in {name}."))
        } else {
            (
                ModActionKind::PostRejected,
                format!("A moderator did not approve your post in {name}."),
            )
        };
        act(
            c,
            outbox,
            &thread.community_id,
            Some(m.id()),
            Act {
                kind,
                target_kind: "post",
                target_id: &post.id,
                target_user: Some(&post.author_id),
                reason,
                expires_at: None,
                notice: Some(notice),
                link: Some(format!("/threads/{}#post-{}", thread.id, post.seq)),
            },
        )
    })
}

/// Dismisses a report (the content stays) or removes what it reports.
pub fn resolve_report(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    report_id: &str,
    remove: bool,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let r = moderation::find_report(c, report_id)?.ok_or(AppError::NotFound)?;
        let community = forum::community_by_id(c, &r.community_id)?.ok_or(AppError::NotFound)?;
        let m = authz::require_moderator(authz::reader_of(c, actor, community)?)?;
        if r.status()? != ReportStatus::Open {
            return Err(AppError::Conflict {
                code: "already_resolved",
                detail: "This report was already resolved.".into(),
            });
        }
        if !remove {
            let now = kindred_db::now_utc().naive_utc();
            moderation::resolve_report(
                c,
                &r.id,
                ReportStatus::Dismissed.as_str(),
                m.id(),
                reason,
                now,
            )?;
            return act(
                c,
                outbox,
                &r.community_id,
                Some(m.id()),
                Act {
                    kind: ModActionKind::ReportDismissed,
                    target_kind: "report",
                    target_id: &r.id,
                    target_user: None,
                    reason,
                    expires_at: None,
                    notice: None,
                    link: None,
                },
            );
        }
        match &r.post_id {
            Some(post_id) => set_post_removed(c, outbox, actor, post_id, true, reason),
            None => thread_action(c, outbox, actor, &r.thread_id, ThreadAction::Remove, reason),
        }
    })
}

/// Warns a member of the community (by handle), with a reason they are shown.
pub fn warn(
    c: &mut DbConn,
    outbox: &Outbox,
    m: &Moderator,
    handle: &str,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let user = super::member_by_handle(c, handle)?;
        let community = m.reader().community();
        act(
            c,
            outbox,
            &community.id,
            Some(m.id()),
            Act {
                kind: ModActionKind::MemberWarned,
                target_kind: "member",
                target_id: &user.id,
                target_user: Some(&user.id),
                reason,
                expires_at: None,
                notice: Some(format!("A moderator of {} sent you a warning.", community.name)),
                link: Some(format!("/communities/{}", community.slug)),
            },
        )
    })
}

/// Bans a member from the community until `expires_at` (None: for good). While it holds,
/// their writes there answer 403 `banned` with the reason and the end; it ends by itself.
pub fn ban(
    c: &mut DbConn,
    outbox: &Outbox,
    m: &Moderator,
    handle: &str,
    reason: &str,
    expires_at: Option<DateTime<Utc>>,
) -> Result<ModAction, AppError> {
    if let Some(t) = expires_at {
        if t <= kindred_db::now_utc() {
            return Err(kindred_domain::FieldError::new(
                "expires_at",
                "in_the_past",
                "A ban must end in the future (or leave expires_at out for good).",
            )
            .into());
        }
    }
    kindred_db::write_tx(c, |c| {
        let user = super::member_by_handle(c, handle)?;
        if user.id == m.id() {
            return Err(AppError::Conflict {
                code: "cannot_ban_self",
                detail: "You cannot ban yourself.".into(),
            });
        }
        let community = m.reader().community().clone();
        let until = match expires_at {
            Some(t) => format!("until {}", t.format("%Y-%m-%d %H:%M UTC")),
            None => "for good".into(),
        };
        let row = act(
            c,
            outbox,
            &community.id,
            Some(m.id()),
            Act {
                kind: ModActionKind::MemberBanned,
                target_kind: "member",
                target_id: &user.id,
                target_user: Some(&user.id),
                reason,
                expires_at,
                notice: Some(format!("A moderator banned you from {} {until}.", community.name)),
                link: Some(format!("/communities/{}", community.slug)),
            },
        )?;
        moderation::insert_ban(
            c,
            &Ban {
                id: kindred_db::new_id(),
                community_id: community.id.clone(),
                user_id: user.id.clone(),
                mod_action_id: row.id.clone(),
                reason: reason.to_string(),
                expires_at: expires_at.map(|t| t.naive_utc()),
                lifted_at: None,
                created_at: row.created_at,
            },
        )?;
        Ok(row)
    })
}

/// Lifts a member's ban early; no ban in force → not found.
pub fn unban(
    c: &mut DbConn,
    outbox: &Outbox,
    m: &Moderator,
    handle: &str,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let user = super::member_by_handle(c, handle)?;
        let community = m.reader().community().clone();
        let now = kindred_db::now_utc().naive_utc();
        if moderation::lift_bans(c, &community.id, &user.id, now)? == 0 {
            return Err(AppError::NotFound);
        }
        act(
            c,
            outbox,
            &community.id,
            Some(m.id()),
            Act {
                kind: ModActionKind::MemberUnbanned,
                target_kind: "member",
                target_id: &user.id,
                target_user: Some(&user.id),
                reason,
                expires_at: None,
                notice: Some(format!("A moderator lifted your ban from {}.", community.name)),
                link: Some(format!("/communities/{}", community.slug)),
            },
        )
    })
}

/// One row of the moderation log as a reader sees it.
#[derive(Debug, Clone)]
pub struct LogEntry {
    /// The row.
    pub action: ModAction,
    /// The moderator's handle (admins only; None for others and for the system).
    pub moderator: Option<String>,
    /// The member affected, by handle, for actions on members (warn, ban, unban); never for
    /// actions on posts, which may be anonymous.
    pub member: Option<String>,
}

/// A page of the community's moderation log, newest first. Readable by whoever may read the
/// community; the moderator's identity only by admins.
pub fn log(
    c: &mut DbConn,
    reader: &Reader,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<LogEntry>, Option<String>), AppError> {
    let before = crate::error::time_id_cursor(cursor)?;
    let rows = moderation::list_actions(c, &reader.community().id, before.as_ref(), limit + 1)?;
    let (rows, next) = page::cut(rows, limit, |a| Cursor::time_id(&a.created_at, &a.id));
    let mut ids: Vec<String> = rows.iter().filter_map(|a| a.moderator_id.clone()).collect();
    ids.extend(
        rows.iter().filter(|a| a.target_kind == "member").filter_map(|a| a.target_user_id.clone()),
    );
    let handles = forum::authors(c, &ids)?;
    let handle =
        |id: &Option<String>| id.as_ref().and_then(|i| handles.get(i)).map(|(h, _)| h.clone());
    let entries = rows
        .into_iter()
        .map(|a| LogEntry {
            moderator: if reader.is_admin() { handle(&a.moderator_id) } else { None },
            member: if a.target_kind == "member" { handle(&a.target_user_id) } else { None },
            action: a,
        })
        .collect();
    Ok((entries, next))
}

/// Appeals an action taken against the actor, once. Someone else's action is not found;
/// an action that cannot be appealed is 409 `not_appealable`; a second appeal 409
/// `already_appealed`.
pub fn appeal(
    c: &mut DbConn,
    actor: &Actor,
    mod_action_id: &str,
    statement: &str,
) -> Result<Appeal, AppError> {
    kindred_db::write_tx(c, |c| {
        let action = moderation::find_action(c, mod_action_id)?
            .filter(|a| a.target_user_id.as_deref() == Some(actor.id.as_str()))
            .ok_or(AppError::NotFound)?;
        if !action.action()?.appealable() {
            return Err(AppError::Conflict {
                code: "not_appealable",
                detail: "This action cannot be appealed.".into(),
            });
        }
        let a = Appeal {
            id: kindred_db::new_id(),
            mod_action_id: action.id.clone(),
            user_id: actor.id.clone(),
            statement: statement.to_string(),
            status: AppealStatus::Open.as_str().into(),
            resolved_by: None,
            resolution_reason: None,
            resolved_at: None,
            created_at: kindred_db::now_utc().naive_utc(),
        };
        match moderation::insert_appeal(c, &a) {
            Err(DbError::UniqueViolation { .. }) => {
                return Err(AppError::Conflict {
                    code: "already_appealed",
                    detail: "You already appealed this action; each action can be appealed once."
                        .into(),
                })
            }
            other => other?,
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityAppealFiled, Some(&actor.id))
                .subject("appeal", &a.id),
        )?;
        Ok(a)
    })
}

/// Open appeals the actor may resolve: those about actions someone else took, in every
/// community for admins, in their own communities for moderators.
pub fn appeals_queue(
    c: &mut DbConn,
    actor: &Actor,
    limit: i64,
) -> Result<Vec<(Appeal, ModAction)>, AppError> {
    if actor.role == kindred_domain::account::Role::Admin {
        return Ok(moderation::open_appeals(c, None, Some(&actor.id), limit)?);
    }
    let mine: Vec<String> = forum::moderated_by(c, &actor.id)?.into_iter().map(|m| m.id).collect();
    if mine.is_empty() {
        return Err(AppError::Forbidden {
            code: "moderators_only",
            detail: "Only moderators and admins resolve appeals.".into(),
        });
    }
    Ok(moderation::open_appeals(c, Some(&mine), Some(&actor.id), limit)?)
}

/// Resolves an appeal: an admin, or a moderator of that community who did not take the
/// action (403 `own_action`). Reversing undoes the action (restores the post or thread,
/// lifts the ban, publishes the rejected post); the outcome is logged and sent to the
/// member.
pub fn resolve_appeal(
    c: &mut DbConn,
    outbox: &Outbox,
    actor: &Actor,
    appeal_id: &str,
    reverse: bool,
    reason: &str,
) -> Result<ModAction, AppError> {
    kindred_db::write_tx(c, |c| {
        let appeal = moderation::find_appeal(c, appeal_id)?.ok_or(AppError::NotFound)?;
        let action =
            moderation::find_action(c, &appeal.mod_action_id)?.ok_or(AppError::NotFound)?;
        let community =
            forum::community_by_id(c, &action.community_id)?.ok_or(AppError::NotFound)?;
        let reader =
            authz::reader_of(c, actor, community.clone()).map_err(|_| AppError::NotFound)?;
        let m = authz::require_moderator(reader).map_err(|_| AppError::NotFound)?;
        if action.moderator_id.as_deref() == Some(actor.id.as_str()) {
            return Err(AppError::Forbidden {
                code: "own_action",
                detail: "Another moderator or an admin must resolve an appeal of your own action."
                    .into(),
            });
        }
        if appeal.status()? != AppealStatus::Open {
            return Err(AppError::Conflict {
                code: "already_resolved",
                detail: "This appeal was already resolved.".into(),
            });
        }
        let now = kindred_db::now_utc().naive_utc();
        let status = if reverse { AppealStatus::Reversed } else { AppealStatus::Upheld };
        moderation::resolve_appeal(c, &appeal.id, status.as_str(), m.id(), reason, now)?;
        if reverse {
            undo(c, &action)?;
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityAppealResolved, Some(m.id()))
                .subject("appeal", &appeal.id)
                .details(serde_json::json!({ "outcome": status.as_str() })),
        )?;
        let (kind, notice) = if reverse {
            (
                ModActionKind::AppealReversed,
                format!("Your appeal in {} was accepted and the action reversed.", community.name),
            )
        } else {
            (
                ModActionKind::AppealUpheld,
                format!("Your appeal in {} was reviewed; the action stands.", community.name),
            )
        };
        act(
            c,
            outbox,
            &action.community_id,
            Some(m.id()),
            Act {
                kind,
                target_kind: "appeal",
                target_id: &appeal.id,
                target_user: Some(&appeal.user_id),
                reason,
                expires_at: None,
                notice: Some(notice),
                link: Some("/notifications".into()),
            },
        )
    })
}

/// Reverses an action (an appeal succeeded).
fn undo(c: &mut DbConn, action: &ModAction) -> Result<(), AppError> {
    let now = kindred_db::now_utc().naive_utc();
    match action.action()? {
        ModActionKind::PostRemoved | ModActionKind::PostRejected => {
            if let Some(post) = forum::find_post(c, &action.target_id)? {
                let thread = forum::find_thread(c, &post.thread_id)?.ok_or(AppError::NotFound)?;
                if matches!(post.status()?, ContentStatus::Removed | ContentStatus::Rejected) {
                    if post.seq == 1 && thread.status()? == ContentStatus::Rejected {
                        forum::set_thread_status(
                            c,
                            &thread.id,
                            ContentStatus::Published.as_str(),
                            now,
                        )?;
                    }
                    set_post(c, &thread, &post, ContentStatus::Published)?;
                }
            }
        }
        ModActionKind::ThreadRemoved => {
            if let Some(t) = forum::find_thread(c, &action.target_id)? {
                if t.status()? == ContentStatus::Removed {
                    forum::set_thread_status(c, &t.id, ContentStatus::Published.as_str(), now)?;
                    set_thread_posts_searchable(c, &t.id, true)?;
                }
            }
        }
        ModActionKind::MemberBanned => moderation::lift_ban_of(c, &action.id, now)?,
        // A warning has nothing to undo: the log row of the reversal says it was withdrawn.
        _ => {}
    }
    Ok(())
}

/// Flags an account that read faster than `limit` a minute (the scraping guard), at most once
/// an hour, audited.
pub fn flag_scraping(c: &mut DbConn, actor: &Actor, limit: u32) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc().naive_utc();
        if moderation::flagged_since(c, &actor.id, "scraping", now - chrono::TimeDelta::hours(1))? {
            return Ok(());
        }
        let flag = kindred_db::models::forum::AdminFlag {
            id: kindred_db::new_id(),
            user_id: actor.id.clone(),
            kind: "scraping".into(),
            details: format!("Read community content faster than {limit} requests a minute."),
            created_at: now,
            resolved_at: None,
        };
        moderation::insert_flag(c, &flag)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityScrapingFlagged, None)
                .subject("user", &actor.id),
        )?;
        Ok(())
    })
}

/// A page of open admin flags, newest first (admins).
pub fn flags(
    c: &mut DbConn,
    _admin: &crate::authz::Admin,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<kindred_db::models::forum::AdminFlag>, Option<String>), AppError> {
    let before = crate::error::time_id_cursor(cursor)?;
    let rows = moderation::open_flags(c, before.as_ref(), limit + 1)?;
    Ok(page::cut(rows, limit, |f| Cursor::time_id(&f.created_at, &f.id)))
}
