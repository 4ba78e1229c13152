//! Threads and posts: starting a thread, replying, editing, deleting one's own, the thread
//! list and the thread page. Who is shown as a post's author is decided here, once
//! ([`Author`]): an anonymous post's author reaches only the author, the community's
//! moderators and admins.

use chrono::{NaiveDateTime, TimeDelta};
use kindred_db::models::forum::{Post, Report, Thread};
use kindred_db::models::user::User;
use kindred_db::page::{self, Cursor};
use kindred_db::queries::{audit, forum, forum_search, moderation, users};
use kindred_db::DbConn;
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::community::crisis;
use kindred_domain::forum::{fold, privacy_findings, ContentStatus, ReportCategory, ReportStatus};

use super::notifications::notify;
use crate::authz::{self, Actor, Poster, Reader};
use crate::AppError;

/// Accounts younger than this may post at most [`NEW_ACCOUNT_POSTS_PER_HOUR`] times an hour.
pub const NEW_ACCOUNT_HOURS: i64 = 24;
/// See [`NEW_ACCOUNT_HOURS`].
pub const NEW_ACCOUNT_POSTS_PER_HOUR: usize = 5;

/// Who a viewer sees as the author of a thread or post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    /// The author, by id and handle.
    Shown {
        /// User id.
        id: String,
        /// Handle.
        handle: String,
    },
    /// "A member": posted anonymously, and the viewer may not know who.
    Anonymous,
    /// The author erased their account.
    Deleted,
}

/// A post as one viewer sees it.
#[derive(Debug, Clone)]
pub struct PostView {
    /// The row (its body must not be shown: use [`PostView::body`]).
    pub post: Post,
    /// The author as this viewer may see them.
    pub author: Author,
    /// The text to show, or `None` with [`PostView::placeholder`] set.
    pub body: Option<String>,
    /// Why the text is not shown (`removed`, `deleted`, `held`).
    pub placeholder: Option<ContentStatus>,
    /// The viewer wrote it.
    pub mine: bool,
    /// The viewer may edit it (their own, published or held).
    pub can_edit: bool,
    /// The viewer may report it (someone else's published post).
    pub can_report: bool,
    /// The body before the last edit (moderators only).
    pub previous_body: Option<String>,
}

/// A thread as one viewer sees it.
#[derive(Debug, Clone)]
pub struct ThreadView {
    /// The row.
    pub thread: Thread,
    /// The community's slug.
    pub community: String,
    /// The title to show (a placeholder when its author erased their account).
    pub title: String,
    /// The author as this viewer may see them.
    pub author: Author,
    /// The viewer started it.
    pub mine: bool,
    /// Posts the viewer has not read yet (published ones after their read position).
    pub unread: i32,
}

/// Decides who a viewer sees as the author.
fn author_for(
    reader: &Reader,
    author_id: &str,
    anonymous: bool,
    authors: &std::collections::HashMap<String, (String, String)>,
) -> Author {
    let own = author_id == reader.user_id();
    let (handle, status) = authors.get(author_id).cloned().unwrap_or_default();
    if status == AccountStatus::Deleted.as_str() {
        return Author::Deleted;
    }
    if kindred_domain::forum::author_visible(anonymous, own, reader.moderates()) {
        Author::Shown { id: author_id.to_string(), handle }
    } else {
        Author::Anonymous
    }
}

fn post_view(
    reader: &Reader,
    p: Post,
    authors: &std::collections::HashMap<String, (String, String)>,
) -> Result<PostView, AppError> {
    let status = p.status()?;
    let mine = p.author_id == reader.user_id();
    let author = author_for(reader, &p.author_id, p.anonymous, authors);
    let shows = match status {
        ContentStatus::Published => true,
        ContentStatus::Removed | ContentStatus::Rejected => reader.moderates(),
        ContentStatus::Held => reader.moderates() || mine,
        ContentStatus::Deleted => false,
    };
    let can_edit = mine && matches!(status, ContentStatus::Published | ContentStatus::Held);
    Ok(PostView {
        body: shows.then(|| p.body.clone()),
        placeholder: (status != ContentStatus::Published).then_some(status),
        previous_body: if reader.moderates() { p.previous_body.clone() } else { None },
        can_report: !mine && status == ContentStatus::Published,
        can_edit,
        mine,
        author,
        post: p,
    })
}

/// Whether a viewer may see a thread at all: removed and rejected threads only by
/// moderators, held ones by their author and moderators.
fn thread_visible(reader: &Reader, t: &Thread) -> Result<bool, AppError> {
    Ok(match t.status()? {
        ContentStatus::Published | ContentStatus::Deleted => true,
        ContentStatus::Held => reader.moderates() || t.author_id == reader.user_id(),
        ContentStatus::Removed | ContentStatus::Rejected => reader.moderates(),
    })
}

/// The thread `id` and its community as the actor may read them, or not found.
pub fn readable_thread(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
) -> Result<(Reader, Thread), AppError> {
    let thread = forum::find_thread(c, id)?.ok_or(AppError::NotFound)?;
    let community = forum::community_by_id(c, &thread.community_id)?.ok_or(AppError::NotFound)?;
    let reader = authz::reader_of(c, actor, community)?;
    if !thread_visible(&reader, &thread)? {
        return Err(AppError::NotFound);
    }
    Ok((reader, thread))
}

/// The post `id` with its thread and community as the actor may read them, or not found.
pub fn readable_post(
    c: &mut DbConn,
    actor: &Actor,
    id: &str,
) -> Result<(Reader, Thread, Post), AppError> {
    let post = forum::find_post(c, id)?.ok_or(AppError::NotFound)?;
    let (reader, thread) = readable_thread(c, actor, &post.thread_id)?;
    let visible = match post.status()? {
        ContentStatus::Published | ContentStatus::Deleted => true,
        ContentStatus::Held => reader.moderates() || post.author_id == reader.user_id(),
        ContentStatus::Removed | ContentStatus::Rejected => reader.moderates(),
    };
    if !visible {
        return Err(AppError::NotFound);
    }
    Ok((reader, thread, post))
}

/// A new thread or reply, parsed.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The title (new threads only).
    pub title: Option<String>,
    /// The body.
    pub body: String,
    /// Publish "as a member".
    pub anonymous: bool,
    /// The author saw the privacy findings and publishes anyway.
    pub confirm_privacy_findings: bool,
}

/// What publishing did.
#[derive(Debug, Clone)]
pub struct Published {
    /// The thread.
    pub thread: Thread,
    /// The post.
    pub post: Post,
    /// It waits for a moderator's approval (a new member's first post).
    pub held: bool,
    /// It holds crisis language: a self-harm-concern report was filed and the author is
    /// shown crisis resources.
    pub crisis: bool,
}

fn check_draft(d: &Draft) -> Result<(), AppError> {
    if !d.confirm_privacy_findings {
        let findings = privacy_findings(d.title.as_deref(), &d.body);
        if !findings.is_empty() {
            return Err(AppError::PrivacyCheck(findings));
        }
    }
    Ok(())
}

/// Accounts younger than a day post at most five times an hour.
fn check_new_account(c: &mut DbConn, user: &User, now: NaiveDateTime) -> Result<(), AppError> {
    if now - user.created_at >= TimeDelta::hours(NEW_ACCOUNT_HOURS) {
        return Ok(());
    }
    let hour_ago = now - TimeDelta::hours(1);
    let mut times = forum::post_times_since(c, &user.id, hour_ago)?;
    if times.len() < NEW_ACCOUNT_POSTS_PER_HOUR {
        return Ok(());
    }
    times.sort();
    let frees_at = times[times.len() - NEW_ACCOUNT_POSTS_PER_HOUR] + TimeDelta::hours(1);
    Err(AppError::TooManyRequests {
        retry_after: (frees_at - now).num_seconds().max(1) as u64,
        detail: format!(
            "New accounts can post {NEW_ACCOUNT_POSTS_PER_HOUR} times an hour during their \
             first day. Try again a little later."
        ),
    })
}

/// Starts a thread (title and first post) in the poster's community.
pub fn create_thread(c: &mut DbConn, poster: &Poster, d: &Draft) -> Result<Published, AppError> {
    check_draft(d)?;
    let title = d.title.clone().unwrap_or_default();
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc().naive_utc();
        let reader = poster.reader();
        let user = users::find(c, reader.user_id())?.ok_or(AppError::NotFound)?;
        check_new_account(c, &user, now)?;
        let held = needs_approval(c, reader)?;
        let status = if held { ContentStatus::Held } else { ContentStatus::Published };
        let thread = Thread {
            id: kindred_db::new_id(),
            community_id: reader.community().id.clone(),
            author_id: user.id.clone(),
            title: title.clone(),
            anonymous: d.anonymous,
            status: status.as_str().into(),
            pinned: false,
            locked: false,
            post_count: 0,
            last_activity_at: now,
            created_at: now,
            updated_at: now,
        };
        forum::insert_thread(c, &thread)?;
        let post = insert_post(c, &thread, &user.id, d, status, now)?;
        let crisis = after_publish(c, &thread, &post, Some(&title))?;
        let thread = forum::find_thread(c, &thread.id)?.ok_or(AppError::NotFound)?;
        Ok(Published { thread, post, held, crisis })
    })
}

/// Replies in a thread the actor may read and post in; a locked thread refuses (409
/// `locked`).
pub fn reply(
    c: &mut DbConn,
    actor: &Actor,
    thread_id: &str,
    d: &Draft,
) -> Result<Published, AppError> {
    check_draft(d)?;
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc().naive_utc();
        let (reader, thread) = readable_thread(c, actor, thread_id)?;
        let poster = authz::require_poster(c, reader)?;
        let reader = poster.reader();
        if thread.locked && !reader.moderates() {
            return Err(AppError::Conflict {
                code: "locked",
                detail: "This thread is locked: it takes no new posts.".into(),
            });
        }
        if thread.status()? != ContentStatus::Published {
            return Err(AppError::Conflict {
                code: "thread_not_open",
                detail: "This thread is not open for replies.".into(),
            });
        }
        let user = users::find(c, reader.user_id())?.ok_or(AppError::NotFound)?;
        check_new_account(c, &user, now)?;
        let held = needs_approval(c, reader)?;
        let status = if held { ContentStatus::Held } else { ContentStatus::Published };
        let post = insert_post(c, &thread, &user.id, d, status, now)?;
        let crisis = after_publish(c, &thread, &post, None)?;
        if !held && thread.author_id != user.id {
            let title = if thread.title.is_empty() { "a thread" } else { thread.title.as_str() };
            notify(
                c,
                &thread.author_id,
                "reply",
                &format!("New reply in “{title}”."),
                Some(&format!("/threads/{}#post-{}", thread.id, post.seq)),
            )?;
        }
        Ok(Published { thread, post, held, crisis })
    })
}

fn needs_approval(c: &mut DbConn, reader: &Reader) -> Result<bool, AppError> {
    Ok(reader.community().approve_first_posts
        && !reader.moderates()
        && !forum::has_published_post(c, &reader.community().id, reader.user_id())?)
}

fn insert_post(
    c: &mut DbConn,
    thread: &Thread,
    author_id: &str,
    d: &Draft,
    status: ContentStatus,
    now: NaiveDateTime,
) -> Result<Post, AppError> {
    let seq = forum::next_seq(c, &thread.id, now)?;
    let post = Post {
        id: kindred_db::new_id(),
        thread_id: thread.id.clone(),
        community_id: thread.community_id.clone(),
        author_id: author_id.to_string(),
        seq,
        body: d.body.clone(),
        anonymous: d.anonymous,
        status: status.as_str().into(),
        previous_body: None,
        edited_at: None,
        created_at: now,
        updated_at: now,
    };
    forum::insert_post(c, &post)?;
    // One's own post is not news: when the author had read everything before it, their read
    // position moves past it (otherwise it stays, so the posts they missed still count).
    if forum::read_position(c, author_id, &thread.id)? >= seq - 1 {
        forum::mark_read(c, author_id, &thread.id, seq, now)?;
    }
    Ok(post)
}

/// Puts a published post in the search index (its title when it opens a thread).
pub fn index_post(c: &mut DbConn, thread: &Thread, post: &Post) -> Result<(), AppError> {
    let title = if post.seq == 1 { fold(&thread.title) } else { String::new() };
    forum_search::index(c, &post.id, &post.community_id, &post.status, &title, &fold(&post.body))?;
    Ok(())
}

/// After a post is stored: indexed when published; crisis language files a self-harm report
/// by the system (top of the queue). Returns whether crisis language was found.
fn after_publish(
    c: &mut DbConn,
    thread: &Thread,
    post: &Post,
    title: Option<&str>,
) -> Result<bool, AppError> {
    if post.status()? == ContentStatus::Published {
        index_post(c, thread, post)?;
    }
    let text = match title {
        Some(t) => format!("{t}\n\n{}", post.body),
        None => post.body.clone(),
    };
    let Some(phrase) = crisis::detect(&text) else { return Ok(false) };
    let report = Report {
        id: kindred_db::new_id(),
        community_id: post.community_id.clone(),
        thread_id: post.thread_id.clone(),
        post_id: Some(post.id.clone()),
        reporter_id: None,
        category: ReportCategory::SelfHarm.as_str().into(),
        details: format!("Filed automatically: the post contains crisis language (“{phrase}”)."),
        snapshot: text,
        priority: ReportCategory::SelfHarm.priority(),
        status: ReportStatus::Open.as_str().into(),
        resolved_by: None,
        resolution_reason: None,
        resolved_at: None,
        created_at: post.created_at,
    };
    moderation::insert_report(c, &report)?;
    audit::record(
        c,
        &audit::NewAuditEvent::new(Action::CommunityReportFiled, None)
            .subject("report", &report.id)
            .details(serde_json::json!({ "category": "self_harm", "automatic": true })),
    )?;
    Ok(true)
}

/// Edits one's own post (published or held); the previous body is kept for moderators. The
/// privacy check runs again on the new text. Someone else's post answers 403 `not_author`.
pub fn edit(
    c: &mut DbConn,
    actor: &Actor,
    post_id: &str,
    body: &str,
    confirm_privacy_findings: bool,
) -> Result<PostView, AppError> {
    if !confirm_privacy_findings {
        let findings = privacy_findings(None, body);
        if !findings.is_empty() {
            return Err(AppError::PrivacyCheck(findings));
        }
    }
    kindred_db::write_tx(c, |c| {
        let (reader, thread, post) = readable_post(c, actor, post_id)?;
        if post.author_id != reader.user_id() {
            return Err(not_author());
        }
        let status = post.status()?;
        if !matches!(status, ContentStatus::Published | ContentStatus::Held) {
            return Err(AppError::Conflict {
                code: "not_editable",
                detail: "This post can no longer be edited.".into(),
            });
        }
        let reader = authz::require_poster(c, reader)?.reader().clone();
        let now = kindred_db::now_utc().naive_utc();
        forum::edit_post(c, &post.id, body, &post.body, now)?;
        let post = forum::find_post(c, &post.id)?.ok_or(AppError::NotFound)?;
        if status == ContentStatus::Published {
            index_post(c, &thread, &post)?;
        }
        let authors = forum::authors(c, std::slice::from_ref(&post.author_id))?;
        post_view(&reader, post, &authors)
    })
}

fn not_author() -> AppError {
    AppError::Forbidden { code: "not_author", detail: "Only the author can do this.".into() }
}

/// Deletes one's own post: a placeholder stays, the text leaves search. Someone else's post
/// answers 403 `not_author`; deleting twice is fine.
pub fn delete(c: &mut DbConn, actor: &Actor, post_id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let (reader, _, post) = readable_post(c, actor, post_id)?;
        if post.author_id != reader.user_id() {
            return Err(not_author());
        }
        if post.status()? == ContentStatus::Deleted {
            return Ok(());
        }
        forum::set_post_status(
            c,
            &post.id,
            ContentStatus::Deleted.as_str(),
            kindred_db::now_utc().naive_utc(),
        )?;
        forum_search::unindex(c, &post.id)?;
        Ok(())
    })
}

/// Where a thread list page starts.
pub fn thread_cursor(t: &Thread) -> Cursor {
    Cursor::parts(vec![
        if t.pinned { "1" } else { "0" }.into(),
        t.last_activity_at.and_utc().timestamp_micros().to_string(),
        t.id.clone(),
    ])
}

fn thread_key(cursor: &Cursor) -> Option<forum::ThreadKey> {
    match cursor.as_parts() {
        [p, micros, id] if (p == "0" || p == "1") && !id.is_empty() && id.len() <= 64 => {
            let t = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
            Some((p == "1", t, id.clone()))
        }
        _ => None,
    }
}

/// A page of a community's threads: pinned first, then by last activity. Removed threads
/// show to moderators only, held ones to their author and moderators.
pub fn list_threads(
    c: &mut DbConn,
    reader: &Reader,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<ThreadView>, Option<String>), AppError> {
    let after = match cursor {
        Some(cur) => Some(thread_key(cur).ok_or_else(crate::error::invalid_cursor)?),
        None => None,
    };
    let statuses: &[&str] = if reader.moderates() {
        &["published", "deleted", "held", "removed", "rejected"]
    } else {
        &["published", "deleted"]
    };
    let own = (!reader.moderates()).then(|| reader.user_id());
    let rows =
        forum::list_threads(c, &reader.community().id, statuses, own, after.as_ref(), limit + 1)?;
    let (rows, next) = page::cut(rows, limit, thread_cursor);
    let ids: Vec<String> = rows.iter().map(|t| t.author_id.clone()).collect();
    let authors = forum::authors(c, &ids)?;
    let reads = forum::read_positions(
        c,
        reader.user_id(),
        &rows.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
    )?;
    let views = rows
        .into_iter()
        .map(|t| {
            let last = reads.get(&t.id).copied().unwrap_or(0);
            thread_view(reader, t, &authors, last)
        })
        .collect();
    Ok((views, next))
}

fn thread_view(
    reader: &Reader,
    t: Thread,
    authors: &std::collections::HashMap<String, (String, String)>,
    last_read: i32,
) -> ThreadView {
    let author = author_for(reader, &t.author_id, t.anonymous, authors);
    let title =
        if t.title.is_empty() { "(a thread by a deleted member)".into() } else { t.title.clone() };
    ThreadView {
        community: reader.community().slug.clone(),
        mine: t.author_id == reader.user_id(),
        unread: (t.post_count - last_read).max(0),
        title,
        author,
        thread: t,
    }
}

/// A thread page: the thread and a page of its posts in order (after position `after`),
/// with what the viewer may do with each and where their unread posts start. Reading moves
/// the viewer's read position forward.
#[derive(Debug, Clone)]
pub struct ThreadPage {
    /// The thread.
    pub thread: ThreadView,
    /// The posts.
    pub posts: Vec<PostView>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
    /// The first position the viewer had not read before this page (None: all read).
    pub first_unread: Option<i32>,
}

/// Reads a page of a thread.
pub fn thread_page(
    c: &mut DbConn,
    actor: &Actor,
    thread_id: &str,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<ThreadPage, AppError> {
    let after = match cursor {
        Some(cur) => cur.as_seq().ok_or_else(crate::error::invalid_cursor)?,
        None => 0,
    };
    // Reads take no write lock (on SQLite a write transaction is exclusive): only moving the
    // read position forward writes, in its own short transaction.
    let (reader, thread) = readable_thread(c, actor, thread_id)?;
    let rows = forum::list_posts(c, &thread.id, after as i32, limit + 1)?;
    let (rows, next) = page::cut(rows, limit, |p| Cursor::seq(p.seq as i64));
    let mut ids: Vec<String> = rows.iter().map(|p| p.author_id.clone()).collect();
    ids.push(thread.author_id.clone());
    let authors = forum::authors(c, &ids)?;
    let last_read = forum::read_position(c, reader.user_id(), &thread.id)?;
    let mut posts = Vec::with_capacity(rows.len());
    for p in rows {
        let hidden_held = p.status()? == ContentStatus::Held
            && !(reader.moderates() || p.author_id == reader.user_id());
        let hidden_removed = matches!(p.status()?, ContentStatus::Rejected) && !reader.moderates();
        if hidden_held || hidden_removed {
            continue;
        }
        posts.push(post_view(&reader, p, &authors)?);
    }
    let page_end = posts.last().map(|p| p.post.seq).unwrap_or(0);
    if page_end > last_read {
        let now = kindred_db::now_utc().naive_utc();
        kindred_db::write_tx(c, |c| {
            forum::mark_read(c, reader.user_id(), &thread.id, page_end, now)
        })?;
    }
    let first_unread = (last_read < thread.post_count).then_some(last_read + 1);
    Ok(ThreadPage {
        thread: thread_view(&reader, thread, &authors, last_read),
        posts,
        next_cursor: next,
        first_unread,
    })
}

/// Views of posts for a reader (search hits, queues).
pub fn views(c: &mut DbConn, reader: &Reader, posts: Vec<Post>) -> Result<Vec<PostView>, AppError> {
    let ids: Vec<String> = posts.iter().map(|p| p.author_id.clone()).collect();
    let authors = forum::authors(c, &ids)?;
    posts.into_iter().map(|p| post_view(reader, p, &authors)).collect()
}

/// Thread views for a reader (one lookup of authors for all of them).
pub fn view_threads(
    c: &mut DbConn,
    reader: &Reader,
    threads: Vec<Thread>,
) -> Result<Vec<ThreadView>, AppError> {
    let ids: Vec<String> = threads.iter().map(|t| t.author_id.clone()).collect();
    let authors = forum::authors(c, &ids)?;
    Ok(threads.into_iter().map(|t| thread_view(reader, t, &authors, i32::MAX)).collect())
}

/// A thread view for a reader.
pub fn view_thread(c: &mut DbConn, reader: &Reader, t: Thread) -> Result<ThreadView, AppError> {
    let authors = forum::authors(c, std::slice::from_ref(&t.author_id))?;
    Ok(thread_view(reader, t, &authors, i32::MAX))
}
