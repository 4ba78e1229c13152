//! Communities, memberships, moderators, threads, posts and read positions.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::models::condition::Condition;
use crate::models::forum::{Community, Membership, Moderator, Post, Thread, ThreadRead};
use crate::schema::{
    communities, community_members, community_moderators, conditions, posts, thread_reads, threads,
    users,
};
use crate::{DbConn, DbError};

// ---- communities -------------------------------------------------------------------------

/// Every community (archived ones too when asked), by name.
pub fn list_communities(
    conn: &mut DbConn,
    include_archived: bool,
) -> Result<Vec<Community>, DbError> {
    let mut q = communities::table.select(Community::as_select()).into_boxed();
    if !include_archived {
        q = q.filter(communities::archived_at.is_null());
    }
    Ok(q.order((communities::name.asc(), communities::id.asc())).load(conn)?)
}

/// Members and visible threads per community.
pub fn community_counts(conn: &mut DbConn) -> Result<HashMap<String, (i64, i64)>, DbError> {
    let members: Vec<(String, i64)> = community_members::table
        .group_by(community_members::community_id)
        .select((community_members::community_id, diesel::dsl::count_star()))
        .load(conn)?;
    let threads: Vec<(String, i64)> = threads::table
        .filter(threads::status.eq("published"))
        .group_by(threads::community_id)
        .select((threads::community_id, diesel::dsl::count_star()))
        .load(conn)?;
    let mut out: HashMap<String, (i64, i64)> = HashMap::new();
    for (id, n) in members {
        out.entry(id).or_default().0 = n;
    }
    for (id, n) in threads {
        out.entry(id).or_default().1 = n;
    }
    Ok(out)
}

/// The community with this slug.
pub fn find_community(conn: &mut DbConn, slug: &str) -> Result<Option<Community>, DbError> {
    Ok(communities::table
        .filter(communities::slug.eq(slug))
        .select(Community::as_select())
        .first(conn)
        .optional()?)
}

/// The community with this id.
pub fn community_by_id(conn: &mut DbConn, id: &str) -> Result<Option<Community>, DbError> {
    Ok(communities::table.find(id).select(Community::as_select()).first(conn).optional()?)
}

/// The condition a community is about, if any.
pub fn condition_of(conn: &mut DbConn, c: &Community) -> Result<Option<Condition>, DbError> {
    let Some(id) = c.condition_id.as_deref() else { return Ok(None) };
    Ok(conditions::table.find(id).select(Condition::as_select()).first(conn).optional()?)
}

/// Adds a community.
pub fn insert_community(conn: &mut DbConn, c: &Community) -> Result<(), DbError> {
    diesel::insert_into(communities::table).values(c).execute(conn)?;
    Ok(())
}

/// Saves every field of a community, `None` as NULL (the derived changeset would skip a
/// `None`, so clearing the condition or restoring an archived community would change nothing).
pub fn save_community(conn: &mut DbConn, c: &Community) -> Result<(), DbError> {
    diesel::update(communities::table.find(&c.id))
        .set((
            communities::slug.eq(&c.slug),
            communities::name.eq(&c.name),
            communities::description.eq(&c.description),
            communities::condition_id.eq(&c.condition_id),
            communities::visibility.eq(&c.visibility),
            communities::approve_first_posts.eq(c.approve_first_posts),
            communities::archived_at.eq(c.archived_at),
            communities::updated_at.eq(c.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

// ---- members and moderators --------------------------------------------------------------

/// Whether `user_id` belongs to the community.
pub fn is_member(conn: &mut DbConn, community_id: &str, user_id: &str) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::user_id.eq(user_id)),
    ))
    .get_result(conn)?)
}

/// Adds a membership.
pub fn join(conn: &mut DbConn, m: &Membership) -> Result<(), DbError> {
    diesel::insert_into(community_members::table).values(m).execute(conn)?;
    Ok(())
}

/// Ends a membership; false when there was none.
pub fn leave(conn: &mut DbConn, community_id: &str, user_id: &str) -> Result<bool, DbError> {
    Ok(diesel::delete(
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::user_id.eq(user_id)),
    )
    .execute(conn)?
        > 0)
}

/// The communities a member belongs to, by name.
pub fn communities_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<Community>, DbError> {
    Ok(communities::table
        .inner_join(
            community_members::table.on(community_members::community_id.eq(communities::id)),
        )
        .filter(community_members::user_id.eq(user_id))
        .order(communities::name.asc())
        .select(Community::as_select())
        .load(conn)?)
}

/// Ids of the communities a member belongs to.
pub fn membership_ids(conn: &mut DbConn, user_id: &str) -> Result<Vec<String>, DbError> {
    Ok(community_members::table
        .filter(community_members::user_id.eq(user_id))
        .select(community_members::community_id)
        .load(conn)?)
}

/// Whether `user_id` moderates the community.
pub fn is_moderator(conn: &mut DbConn, community_id: &str, user_id: &str) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        community_moderators::table
            .filter(community_moderators::community_id.eq(community_id))
            .filter(community_moderators::user_id.eq(user_id)),
    ))
    .get_result(conn)?)
}

/// Appoints a moderator.
pub fn add_moderator(conn: &mut DbConn, m: &Moderator) -> Result<(), DbError> {
    diesel::insert_into(community_moderators::table).values(m).execute(conn)?;
    Ok(())
}

/// Removes a moderator; false when they were not one.
pub fn remove_moderator(
    conn: &mut DbConn,
    community_id: &str,
    user_id: &str,
) -> Result<bool, DbError> {
    Ok(diesel::delete(
        community_moderators::table
            .filter(community_moderators::community_id.eq(community_id))
            .filter(community_moderators::user_id.eq(user_id)),
    )
    .execute(conn)?
        > 0)
}

/// The communities a member moderates, by name.
pub fn moderated_by(conn: &mut DbConn, user_id: &str) -> Result<Vec<Community>, DbError> {
    Ok(communities::table
        .inner_join(
            community_moderators::table.on(community_moderators::community_id.eq(communities::id)),
        )
        .filter(community_moderators::user_id.eq(user_id))
        .order(communities::name.asc())
        .select(Community::as_select())
        .load(conn)?)
}

/// A community's moderators: (user id, handle), by handle.
pub fn moderators_of(
    conn: &mut DbConn,
    community_id: &str,
) -> Result<Vec<(String, String)>, DbError> {
    Ok(community_moderators::table
        .inner_join(users::table.on(users::id.eq(community_moderators::user_id)))
        .filter(community_moderators::community_id.eq(community_id))
        .order(users::handle.asc())
        .select((users::id, users::handle))
        .load(conn)?)
}

/// Handles and statuses of the given accounts.
pub fn authors(
    conn: &mut DbConn,
    ids: &[String],
) -> Result<HashMap<String, (String, String)>, DbError> {
    let rows: Vec<(String, String, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::handle, users::status))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, h, s)| (id, (h, s))).collect())
}

// ---- threads and posts -------------------------------------------------------------------

/// Adds a thread.
pub fn insert_thread(conn: &mut DbConn, t: &Thread) -> Result<(), DbError> {
    diesel::insert_into(threads::table).values(t).execute(conn)?;
    Ok(())
}

/// Adds a post.
pub fn insert_post(conn: &mut DbConn, p: &Post) -> Result<(), DbError> {
    diesel::insert_into(posts::table).values(p).execute(conn)?;
    Ok(())
}

/// Takes the next post position in a thread and marks activity; call inside the write
/// transaction that inserts the post (the update locks the thread row on PostgreSQL, and
/// SQLite's write transaction is exclusive, so two replies never get one position).
pub fn next_seq(conn: &mut DbConn, thread_id: &str, now: NaiveDateTime) -> Result<i32, DbError> {
    diesel::update(threads::table.find(thread_id))
        .set((
            threads::post_count.eq(threads::post_count + 1),
            threads::last_activity_at.eq(now),
            threads::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(threads::table.find(thread_id).select(threads::post_count).first(conn)?)
}

/// The thread with this id.
pub fn find_thread(conn: &mut DbConn, id: &str) -> Result<Option<Thread>, DbError> {
    Ok(threads::table.find(id).select(Thread::as_select()).first(conn).optional()?)
}

/// The post with this id.
pub fn find_post(conn: &mut DbConn, id: &str) -> Result<Option<Post>, DbError> {
    Ok(posts::table.find(id).select(Post::as_select()).first(conn).optional()?)
}

/// The posts with these ids (in no particular order).
pub fn posts_by_ids(conn: &mut DbConn, ids: &[String]) -> Result<Vec<Post>, DbError> {
    Ok(posts::table.filter(posts::id.eq_any(ids)).select(Post::as_select()).load(conn)?)
}

/// The threads with these ids (in no particular order).
pub fn threads_by_ids(conn: &mut DbConn, ids: &[String]) -> Result<Vec<Thread>, DbError> {
    Ok(threads::table.filter(threads::id.eq_any(ids)).select(Thread::as_select()).load(conn)?)
}

/// The post at a position of a thread.
pub fn post_at(conn: &mut DbConn, thread_id: &str, seq: i32) -> Result<Option<Post>, DbError> {
    Ok(posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::seq.eq(seq))
        .select(Post::as_select())
        .first(conn)
        .optional()?)
}

/// Where a thread list page starts: after this (pinned, last activity, id).
pub type ThreadKey = (bool, NaiveDateTime, String);

/// A page of a community's threads, pinned first, then latest activity first; only those in
/// `statuses`, plus the viewer's own held threads when `own_held` names the viewer.
pub fn list_threads(
    conn: &mut DbConn,
    community_id: &str,
    statuses: &[&str],
    own_held: Option<&str>,
    after: Option<&ThreadKey>,
    limit: i64,
) -> Result<Vec<Thread>, DbError> {
    let statuses: Vec<String> = statuses.iter().map(|s| s.to_string()).collect();
    let mut q = threads::table
        .filter(threads::community_id.eq(community_id.to_string()))
        .select(Thread::as_select())
        .into_boxed();
    q = match own_held {
        Some(me) => q.filter(
            threads::status
                .eq_any(statuses)
                .or(threads::status.eq("held").and(threads::author_id.eq(me.to_string()))),
        ),
        None => q.filter(threads::status.eq_any(statuses)),
    };
    if let Some((pinned, at, id)) = after {
        let (pinned, at, id) = (*pinned, *at, id.clone());
        q = q.filter(
            threads::pinned.lt(pinned).or(threads::pinned.eq(pinned).and(
                threads::last_activity_at
                    .lt(at)
                    .or(threads::last_activity_at.eq(at).and(threads::id.lt(id))),
            )),
        );
    }
    Ok(q.order((threads::pinned.desc(), threads::last_activity_at.desc(), threads::id.desc()))
        .limit(limit)
        .load(conn)?)
}

/// A page of a thread's posts in order, after position `after_seq`.
pub fn list_posts(
    conn: &mut DbConn,
    thread_id: &str,
    after_seq: i32,
    limit: i64,
) -> Result<Vec<Post>, DbError> {
    Ok(posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::seq.gt(after_seq))
        .order(posts::seq.asc())
        .limit(limit)
        .select(Post::as_select())
        .load(conn)?)
}

/// Replaces a post's body, keeping the previous one.
pub fn edit_post(
    conn: &mut DbConn,
    id: &str,
    body: &str,
    previous: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(posts::table.find(id))
        .set((
            posts::body.eq(body),
            posts::previous_body.eq(Some(previous)),
            posts::edited_at.eq(Some(now)),
            posts::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets a post's status.
pub fn set_post_status(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(posts::table.find(id))
        .set((posts::status.eq(status), posts::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Sets a thread's status.
pub fn set_thread_status(
    conn: &mut DbConn,
    id: &str,
    status: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(threads::table.find(id))
        .set((threads::status.eq(status), threads::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Sets a thread's pinned and locked flags.
pub fn set_thread_flags(
    conn: &mut DbConn,
    id: &str,
    pinned: bool,
    locked: bool,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(threads::table.find(id))
        .set((threads::pinned.eq(pinned), threads::locked.eq(locked), threads::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Whether the member has a published post in the community (then their posts need no
/// approval).
pub fn has_published_post(
    conn: &mut DbConn,
    community_id: &str,
    user_id: &str,
) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        posts::table
            .filter(posts::community_id.eq(community_id))
            .filter(posts::author_id.eq(user_id))
            .filter(posts::status.eq("published")),
    ))
    .get_result(conn)?)
}

/// How many posts the member wrote since a time (anywhere).
pub fn posts_since(conn: &mut DbConn, user_id: &str, since: NaiveDateTime) -> Result<i64, DbError> {
    Ok(posts::table
        .filter(posts::author_id.eq(user_id))
        .filter(posts::created_at.gt(since))
        .count()
        .get_result(conn)?)
}

/// When the member's posts since a time were written (anywhere).
pub fn post_times_since(
    conn: &mut DbConn,
    user_id: &str,
    since: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, DbError> {
    Ok(posts::table
        .filter(posts::author_id.eq(user_id))
        .filter(posts::created_at.gt(since))
        .select(posts::created_at)
        .load(conn)?)
}

/// The member's read positions in the given threads.
pub fn read_positions(
    conn: &mut DbConn,
    user_id: &str,
    thread_ids: &[String],
) -> Result<HashMap<String, i32>, DbError> {
    let rows: Vec<(String, i32)> = thread_reads::table
        .filter(thread_reads::user_id.eq(user_id))
        .filter(thread_reads::thread_id.eq_any(thread_ids))
        .select((thread_reads::thread_id, thread_reads::last_seq))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The member's held posts waiting in a community's approval queue (all members when
/// `None`), oldest first.
pub fn held_posts(conn: &mut DbConn, community_id: &str, limit: i64) -> Result<Vec<Post>, DbError> {
    Ok(posts::table
        .filter(posts::community_id.eq(community_id))
        .filter(posts::status.eq("held"))
        .order((posts::created_at.asc(), posts::id.asc()))
        .limit(limit)
        .select(Post::as_select())
        .load(conn)?)
}

// ---- read positions ----------------------------------------------------------------------

/// How far the member has read the thread (0: nothing).
pub fn read_position(conn: &mut DbConn, user_id: &str, thread_id: &str) -> Result<i32, DbError> {
    Ok(thread_reads::table
        .filter(thread_reads::user_id.eq(user_id))
        .filter(thread_reads::thread_id.eq(thread_id))
        .select(thread_reads::last_seq)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Moves the member's read position forward to `seq` (never back).
pub fn mark_read(
    conn: &mut DbConn,
    user_id: &str,
    thread_id: &str,
    seq: i32,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let n = diesel::update(
        thread_reads::table
            .filter(thread_reads::user_id.eq(user_id))
            .filter(thread_reads::thread_id.eq(thread_id)),
    )
    .filter(thread_reads::last_seq.lt(seq))
    .set((thread_reads::last_seq.eq(seq), thread_reads::updated_at.eq(now)))
    .execute(conn)?;
    if n == 0 && read_position(conn, user_id, thread_id)? == 0 {
        let row = ThreadRead {
            user_id: user_id.to_string(),
            thread_id: thread_id.to_string(),
            last_seq: seq,
            updated_at: now,
        };
        match diesel::insert_into(thread_reads::table).values(&row).execute(conn) {
            Ok(_) => {}
            // Another request of the same member inserted it first: theirs stands.
            Err(e) => match DbError::from(e) {
                DbError::UniqueViolation { .. } => {}
                e => return Err(e),
            },
        }
    }
    Ok(())
}

// ---- erasure and export ------------------------------------------------------------------

/// The member's threads (export), oldest first, after an id.
pub fn threads_by(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Thread>, DbError> {
    let mut q = threads::table
        .filter(threads::author_id.eq(user_id.to_string()))
        .select(Thread::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(threads::id.gt(a.to_string()));
    }
    Ok(q.order(threads::id.asc()).limit(limit).load(conn)?)
}

/// The member's posts (export), after an id.
pub fn posts_by(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Post>, DbError> {
    let mut q = posts::table
        .filter(posts::author_id.eq(user_id.to_string()))
        .select(Post::as_select())
        .into_boxed();
    if let Some(a) = after {
        q = q.filter(posts::id.gt(a.to_string()));
    }
    Ok(q.order(posts::id.asc()).limit(limit).load(conn)?)
}

/// Erasure: the member's post bodies are blanked and marked deleted and their thread titles
/// blanked (the threads stay, so others' replies stay readable under "deleted member");
/// earlier versions of the bodies are dropped.
pub fn blank_member_content(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(threads::table.filter(threads::author_id.eq(user_id)))
        .set((threads::title.eq(""), threads::updated_at.eq(now)))
        .execute(conn)?;
    diesel::update(posts::table.filter(posts::author_id.eq(user_id)))
        .set((
            posts::body.eq(""),
            posts::previous_body.eq(None::<String>),
            posts::status.eq("deleted"),
            posts::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Erasure: the member's memberships go.
pub fn delete_memberships(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(community_members::table.filter(community_members::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// Erasure: the member's moderator seats go.
pub fn delete_moderator_seats(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(community_moderators::table.filter(community_moderators::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}

/// Erasure: the member's read positions go.
pub fn delete_reads(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    diesel::delete(thread_reads::table.filter(thread_reads::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// The communities the member moderates (export): (slug, since).
pub fn seats_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<(String, NaiveDateTime)>, DbError> {
    Ok(community_moderators::table
        .inner_join(communities::table.on(communities::id.eq(community_moderators::community_id)))
        .filter(community_moderators::user_id.eq(user_id))
        .select((communities::slug, community_moderators::created_at))
        .load(conn)?)
}

/// The member's memberships (export).
pub fn memberships_by(
    conn: &mut DbConn,
    user_id: &str,
) -> Result<Vec<(Membership, String)>, DbError> {
    Ok(community_members::table
        .inner_join(communities::table.on(communities::id.eq(community_members::community_id)))
        .filter(community_members::user_id.eq(user_id))
        .select((Membership::as_select(), communities::slug))
        .load(conn)?)
}
