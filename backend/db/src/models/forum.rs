//! Rows of the communities area: communities, memberships, moderators, threads, posts,
//! read positions, reports, the moderation log, bans, appeals, notifications and admin
//! flags.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use kindred_domain::forum::{
    AppealStatus, CommunityVisibility, ContentStatus, ModActionKind, ReportCategory, ReportStatus,
};

use crate::error::typed;
use crate::schema::{
    admin_flags, appeals, bans, communities, community_members, community_moderators, mod_actions,
    notifications, posts, reports, thread_reads, threads,
};
use crate::DbError;

/// A community.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = communities)]
pub struct Community {
    /// Id.
    pub id: String,
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The condition it is about.
    pub condition_id: Option<String>,
    /// `members` | `public`.
    pub visibility: String,
    /// New members' first posts wait for approval.
    pub approve_first_posts: bool,
    /// Archived (read-only, not listed).
    pub archived_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl Community {
    /// Who may read it.
    pub fn visibility(&self) -> Result<CommunityVisibility, DbError> {
        typed(CommunityVisibility::parse, "communities", &self.id, "visibility", &self.visibility)
    }
}

/// A membership.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = community_members)]
pub struct Membership {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// Member.
    pub user_id: String,
    /// Joined.
    pub joined_at: NaiveDateTime,
}

/// A moderator appointment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = community_moderators)]
pub struct Moderator {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// The moderator.
    pub user_id: String,
    /// The admin who appointed them.
    pub appointed_by: Option<String>,
    /// Appointed.
    pub created_at: NaiveDateTime,
}

/// A thread.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = threads)]
pub struct Thread {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// Who started it.
    pub author_id: String,
    /// Title.
    pub title: String,
    /// Started "as a member".
    pub anonymous: bool,
    /// See [`ContentStatus`].
    pub status: String,
    /// Pinned to the top of the list.
    pub pinned: bool,
    /// No new posts.
    pub locked: bool,
    /// Posts so far.
    pub post_count: i32,
    /// The latest post (or creation).
    pub last_activity_at: NaiveDateTime,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl Thread {
    /// Where it stands.
    pub fn status(&self) -> Result<ContentStatus, DbError> {
        typed(ContentStatus::parse, "threads", &self.id, "status", &self.status)
    }
}

/// A post.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = posts)]
pub struct Post {
    /// Id.
    pub id: String,
    /// Thread.
    pub thread_id: String,
    /// Community (denormalised for queues and search).
    pub community_id: String,
    /// Author.
    pub author_id: String,
    /// Position in the thread, from 1.
    pub seq: i32,
    /// Markdown, raw.
    pub body: String,
    /// Published "as a member".
    pub anonymous: bool,
    /// See [`ContentStatus`].
    pub status: String,
    /// The body before the last edit.
    pub previous_body: Option<String>,
    /// Last edited.
    pub edited_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl Post {
    /// Where it stands.
    pub fn status(&self) -> Result<ContentStatus, DbError> {
        typed(ContentStatus::parse, "posts", &self.id, "status", &self.status)
    }
}

/// How far a member has read a thread.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = thread_reads)]
pub struct ThreadRead {
    /// Member.
    pub user_id: String,
    /// Thread.
    pub thread_id: String,
    /// The last post position read.
    pub last_seq: i32,
    /// When.
    pub updated_at: NaiveDateTime,
}

/// A report.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = reports)]
pub struct Report {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// Thread.
    pub thread_id: String,
    /// The post (None: the thread).
    pub post_id: Option<String>,
    /// Reporter (None: the system).
    pub reporter_id: Option<String>,
    /// See [`ReportCategory`].
    pub category: String,
    /// The reporter's words.
    pub details: String,
    /// The reported text when reported.
    pub snapshot: String,
    /// 0 = top of the queue.
    pub priority: i32,
    /// See [`ReportStatus`].
    pub status: String,
    /// The moderator who resolved it.
    pub resolved_by: Option<String>,
    /// Their reason.
    pub resolution_reason: Option<String>,
    /// When.
    pub resolved_at: Option<NaiveDateTime>,
    /// Filed.
    pub created_at: NaiveDateTime,
}

impl Report {
    /// Why it was filed.
    pub fn category(&self) -> Result<ReportCategory, DbError> {
        typed(ReportCategory::parse, "reports", &self.id, "category", &self.category)
    }
    /// Where it stands.
    pub fn status(&self) -> Result<ReportStatus, DbError> {
        typed(ReportStatus::parse, "reports", &self.id, "status", &self.status)
    }
}

/// One row of the moderation log.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = mod_actions)]
pub struct ModAction {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// The moderator (None: the system).
    pub moderator_id: Option<String>,
    /// See [`ModActionKind`].
    pub action: String,
    /// `post`, `thread`, `member`, `report` or `appeal`.
    pub target_kind: String,
    /// The target's id.
    pub target_id: String,
    /// The member affected.
    pub target_user_id: Option<String>,
    /// Why (shown to the member).
    pub reason: String,
    /// When a ban ends.
    pub expires_at: Option<NaiveDateTime>,
    /// When.
    pub created_at: NaiveDateTime,
}

impl ModAction {
    /// What was done.
    pub fn action(&self) -> Result<ModActionKind, DbError> {
        typed(ModActionKind::parse, "mod_actions", &self.id, "action", &self.action)
    }
}

/// A ban from a community.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = bans)]
pub struct Ban {
    /// Id.
    pub id: String,
    /// Community.
    pub community_id: String,
    /// The banned member.
    pub user_id: String,
    /// The log row.
    pub mod_action_id: String,
    /// Why.
    pub reason: String,
    /// Ends (None: for good).
    pub expires_at: Option<NaiveDateTime>,
    /// Lifted early.
    pub lifted_at: Option<NaiveDateTime>,
    /// Imposed.
    pub created_at: NaiveDateTime,
}

/// An appeal.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = appeals)]
pub struct Appeal {
    /// Id.
    pub id: String,
    /// The action appealed.
    pub mod_action_id: String,
    /// The member appealing.
    pub user_id: String,
    /// Their statement.
    pub statement: String,
    /// See [`AppealStatus`].
    pub status: String,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// Their reason.
    pub resolution_reason: Option<String>,
    /// When.
    pub resolved_at: Option<NaiveDateTime>,
    /// Filed.
    pub created_at: NaiveDateTime,
}

impl Appeal {
    /// Where it stands.
    pub fn status(&self) -> Result<AppealStatus, DbError> {
        typed(AppealStatus::parse, "appeals", &self.id, "status", &self.status)
    }
}

/// An in-app notification.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    /// Id.
    pub id: String,
    /// Recipient.
    pub user_id: String,
    /// `reply`, `moderation`, `appeal`, …
    pub kind: String,
    /// What to show.
    pub text: String,
    /// Where it leads (a web-app path).
    pub link: Option<String>,
    /// Read.
    pub read_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
}

/// An account flagged to admins.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable)]
#[diesel(table_name = admin_flags)]
pub struct AdminFlag {
    /// Id.
    pub id: String,
    /// The account.
    pub user_id: String,
    /// `scraping`, …
    pub kind: String,
    /// What was seen.
    pub details: String,
    /// Flagged.
    pub created_at: NaiveDateTime,
    /// Dealt with.
    pub resolved_at: Option<NaiveDateTime>,
}
