//! What communities, threads, posts, reports, the moderation log, appeals and notifications
//! look like on the wire. Authors come from `kindred_app::communities::posts::Author`, which
//! already decided what this viewer may know: an anonymous post's author is never in a
//! response to someone who may not see it.

use chrono::{DateTime, Utc};
use kindred_app::communities::moderation::LogEntry;
use kindred_app::communities::posts::{Author, PostView, Published, ThreadPage, ThreadView};
use kindred_app::communities::Listed;
use kindred_db::models::forum::{Appeal, ModAction, Notification, Report};
use kindred_db::DbError;
use kindred_domain::forum::{
    AppealStatus, CommunityVisibility, ContentStatus, ModActionKind, ReportCategory, ReportStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The condition a community is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityCondition {
    /// Catalog slug (what `condition` takes when creating or changing a community).
    pub slug: String,
    /// Display name.
    pub name: String,
}

/// A community.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityResponse {
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The condition it is about, or null for no particular condition.
    pub condition: Option<CommunityCondition>,
    /// `members`: content for members only; `public`: any signed-in member reads.
    pub visibility: CommunityVisibility,
    /// New members' first posts wait for a moderator's approval.
    pub approve_first_posts: bool,
    /// Archived: readable, not writable, not listed.
    pub archived: bool,
    /// Members.
    pub member_count: i64,
    /// Published threads.
    pub thread_count: i64,
    /// I am a member.
    pub joined: bool,
    /// I moderate it.
    pub moderator: bool,
}

impl TryFrom<&Listed> for CommunityResponse {
    type Error = DbError;
    fn try_from(l: &Listed) -> Result<Self, DbError> {
        Ok(Self {
            slug: l.community.slug.clone(),
            name: l.community.name.clone(),
            description: l.community.description.clone(),
            condition: l
                .condition
                .as_ref()
                .map(|c| CommunityCondition { slug: c.slug.clone(), name: c.name.clone() }),
            visibility: l.community.visibility()?,
            approve_first_posts: l.community.approve_first_posts,
            archived: l.community.archived_at.is_some(),
            member_count: l.members,
            thread_count: l.threads,
            joined: l.joined,
            moderator: l.moderates,
        })
    }
}

/// A list of communities.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityList {
    /// By name.
    pub items: Vec<CommunityResponse>,
}

/// Who wrote something, as the viewer may know it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorView {
    /// `member` (named), `anonymous` ("a member") or `deleted` (erased account).
    pub kind: String,
    /// The author's handle, when the viewer may know it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// The author's id, when the viewer may know it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl From<&Author> for AuthorView {
    fn from(a: &Author) -> Self {
        match a {
            Author::Shown { id, handle } => {
                Self { kind: "member".into(), handle: Some(handle.clone()), id: Some(id.clone()) }
            }
            Author::Anonymous => Self { kind: "anonymous".into(), handle: None, id: None },
            Author::Deleted => Self { kind: "deleted".into(), handle: None, id: None },
        }
    }
}

/// A thread in a list or at the top of its page.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadResponse {
    /// Id.
    pub id: String,
    /// The community's slug.
    pub community: String,
    /// Title.
    pub title: String,
    /// Who started it.
    pub author: AuthorView,
    /// Started "as a member" (shown to its author, moderators and admins; others see an
    /// anonymous author).
    pub anonymous: bool,
    /// `published`, `held` (waiting for approval), `removed` …
    pub status: ContentStatus,
    /// Pinned to the top.
    pub pinned: bool,
    /// Takes no new posts.
    pub locked: bool,
    /// Posts so far (positions taken).
    pub post_count: i32,
    /// Posts after my read position.
    pub unread_count: i32,
    /// I started it.
    pub mine: bool,
    /// Latest activity.
    pub last_activity_at: DateTime<Utc>,
    /// Started.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&ThreadView> for ThreadResponse {
    type Error = DbError;
    fn try_from(v: &ThreadView) -> Result<Self, DbError> {
        let t = &v.thread;
        Ok(Self {
            id: t.id.clone(),
            community: v.community.clone(),
            title: v.title.clone(),
            author: AuthorView::from(&v.author),
            anonymous: t.anonymous && v.author != Author::Anonymous,
            status: t.status()?,
            pinned: t.pinned,
            locked: t.locked,
            post_count: t.post_count,
            unread_count: v.unread,
            mine: v.mine,
            last_activity_at: t.last_activity_at.and_utc(),
            created_at: t.created_at.and_utc(),
        })
    }
}

/// A page of threads.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadList {
    /// Pinned first, then latest activity first.
    pub items: Vec<ThreadResponse>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
}

/// A post.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostResponse {
    /// Id.
    pub id: String,
    /// Thread.
    pub thread_id: String,
    /// Position in the thread, from 1.
    pub seq: i32,
    /// Who wrote it, as I may know it.
    pub author: AuthorView,
    /// Published "as a member" (shown only where the author is shown).
    pub anonymous: bool,
    /// Markdown (raw; render it safely). Absent when a placeholder shows instead.
    pub body: Option<String>,
    /// `published`, `held`, `removed`, `deleted`, `rejected`.
    pub status: ContentStatus,
    /// The text before the last edit (moderators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_body: Option<String>,
    /// Last edited.
    pub edited_at: Option<DateTime<Utc>>,
    /// Written.
    pub created_at: DateTime<Utc>,
    /// I wrote it.
    pub mine: bool,
    /// I may edit it.
    pub can_edit: bool,
    /// I may report it.
    pub can_report: bool,
}

impl TryFrom<&PostView> for PostResponse {
    type Error = DbError;
    fn try_from(v: &PostView) -> Result<Self, DbError> {
        let p = &v.post;
        Ok(Self {
            id: p.id.clone(),
            thread_id: p.thread_id.clone(),
            seq: p.seq,
            author: AuthorView::from(&v.author),
            anonymous: p.anonymous && v.author != Author::Anonymous,
            body: v.body.clone(),
            status: p.status()?,
            previous_body: v.previous_body.clone(),
            edited_at: p.edited_at.map(|t| t.and_utc()),
            created_at: p.created_at.and_utc(),
            mine: v.mine,
            can_edit: v.can_edit,
            can_report: v.can_report,
        })
    }
}

/// A report in a moderator's queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportResponse {
    /// Id.
    pub id: String,
    /// Thread.
    pub thread_id: String,
    /// The post (absent: the thread).
    pub post_id: Option<String>,
    /// Why.
    pub category: ReportCategory,
    /// The reporter's words.
    pub details: String,
    /// The reported text as it was when reported.
    pub snapshot: String,
    /// Filed by the system (crisis language), not a member.
    pub automatic: bool,
    /// `open`, `dismissed`, `actioned`.
    pub status: ReportStatus,
    /// The resolving moderator's reason.
    pub resolution_reason: Option<String>,
    /// Filed.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&Report> for ReportResponse {
    type Error = DbError;
    fn try_from(r: &Report) -> Result<Self, DbError> {
        Ok(Self {
            id: r.id.clone(),
            thread_id: r.thread_id.clone(),
            post_id: r.post_id.clone(),
            category: r.category()?,
            details: r.details.clone(),
            snapshot: r.snapshot.clone(),
            automatic: r.reporter_id.is_none(),
            status: r.status()?,
            resolution_reason: r.resolution_reason.clone(),
            created_at: r.created_at.and_utc(),
        })
    }
}

/// A moderator action (the answer to an action, and a row of the moderation log).
#[derive(Debug, Serialize, ToSchema)]
pub struct ModActionResponse {
    /// Id (appeal with it).
    pub id: String,
    /// What was done.
    pub action: ModActionKind,
    /// `post`, `thread`, `member`, `report` or `appeal`.
    pub target_kind: String,
    /// The target's id.
    pub target_id: String,
    /// The member affected, by handle (actions on members only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The moderator, by handle (admins only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderator: Option<String>,
    /// Why.
    pub reason: String,
    /// When a ban ends.
    pub expires_at: Option<DateTime<Utc>>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&ModAction> for ModActionResponse {
    type Error = DbError;
    fn try_from(a: &ModAction) -> Result<Self, DbError> {
        Ok(Self {
            id: a.id.clone(),
            action: a.action()?,
            target_kind: a.target_kind.clone(),
            target_id: a.target_id.clone(),
            member: None,
            moderator: None,
            reason: a.reason.clone(),
            expires_at: a.expires_at.map(|t| t.and_utc()),
            created_at: a.created_at.and_utc(),
        })
    }
}

impl TryFrom<&LogEntry> for ModActionResponse {
    type Error = DbError;
    fn try_from(e: &LogEntry) -> Result<Self, DbError> {
        let mut r = ModActionResponse::try_from(&e.action)?;
        r.member = e.member.clone();
        r.moderator = e.moderator.clone();
        Ok(r)
    }
}

/// An appeal.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealResponse {
    /// Id.
    pub id: String,
    /// The action appealed.
    pub mod_action_id: String,
    /// The member's statement.
    pub statement: String,
    /// `open`, `upheld`, `reversed`.
    pub status: AppealStatus,
    /// The resolver's reason.
    pub resolution_reason: Option<String>,
    /// Filed.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&Appeal> for AppealResponse {
    type Error = DbError;
    fn try_from(a: &Appeal) -> Result<Self, DbError> {
        Ok(Self {
            id: a.id.clone(),
            mod_action_id: a.mod_action_id.clone(),
            statement: a.statement.clone(),
            status: a.status()?,
            resolution_reason: a.resolution_reason.clone(),
            created_at: a.created_at.and_utc(),
        })
    }
}

/// An in-app notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationResponse {
    /// Id.
    pub id: String,
    /// `reply`, `moderation`, …
    pub kind: String,
    /// What happened.
    pub text: String,
    /// Where it leads in the web app.
    pub link: Option<String>,
    /// Read.
    pub read: bool,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<&Notification> for NotificationResponse {
    fn from(n: &Notification) -> Self {
        Self {
            id: n.id.clone(),
            kind: n.kind.clone(),
            text: n.text.clone(),
            link: n.link.clone(),
            read: n.read_at.is_some(),
            created_at: n.created_at.and_utc(),
        }
    }
}

/// A page of a thread: the thread, a page of its posts in order, and where my unread posts
/// start.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadPageResponse {
    /// The thread.
    pub thread: ThreadResponse,
    /// Its posts in order (placeholders where the text is not shown).
    pub posts: Vec<PostResponse>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
    /// The first position I had not read before this page (null: I had read them all).
    pub first_unread: Option<i32>,
}

impl TryFrom<&ThreadPage> for ThreadPageResponse {
    type Error = DbError;
    fn try_from(p: &ThreadPage) -> Result<Self, DbError> {
        Ok(Self {
            thread: ThreadResponse::try_from(&p.thread)?,
            posts: p.posts.iter().map(PostResponse::try_from).collect::<Result<_, _>>()?,
            next_cursor: p.next_cursor.clone(),
            first_unread: p.first_unread,
        })
    }
}

/// What publishing (a new thread or a reply) did.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedResponse {
    /// The thread.
    pub thread: ThreadResponse,
    /// The post.
    pub post: PostResponse,
    /// It waits for a moderator's approval (a new member's first post).
    pub held: bool,
    /// Present when the post holds crisis language: where to find help now. A moderator was
    /// alerted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crisis_resources: Option<String>,
}

impl PublishedResponse {
    /// The answer to publishing `p`, with the thread and post as the author sees them.
    pub fn new(p: &Published, thread: &ThreadView, post: &PostView) -> Result<Self, DbError> {
        Ok(Self {
            thread: ThreadResponse::try_from(thread)?,
            post: PostResponse::try_from(post)?,
            held: p.held,
            crisis_resources: p
                .crisis
                .then(|| kindred_domain::community::crisis::RESOURCES.to_string()),
        })
    }
}

/// A moderator's reason for an action (mandatory; the member affected is shown it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModReasonRequest {
    /// Why: 1–2,000 characters, shown to the member affected and in the moderation log.
    #[schema(schema_with = crate::fields::reason)]
    pub reason: String,
}

/// A member's report of a post or thread.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReportRequest {
    /// Why (`self_harm` goes to the top of the moderators' queue).
    pub category: ReportCategory,
    /// What the moderators should know: at most 2,000 characters (say what for `other`).
    #[serde(default)]
    #[schema(schema_with = crate::fields::details)]
    pub details: String,
}

/// A report as its reporter sees it once filed (the snapshot of the reported text is for
/// moderators only).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportReceipt {
    /// Id.
    pub id: String,
    /// Thread.
    pub thread_id: String,
    /// The post (absent: the thread).
    pub post_id: Option<String>,
    /// Why.
    pub category: ReportCategory,
    /// My words.
    pub details: String,
    /// `open` until a moderator looks at it.
    pub status: ReportStatus,
    /// Filed.
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&Report> for ReportReceipt {
    type Error = DbError;
    fn try_from(r: &Report) -> Result<Self, DbError> {
        Ok(Self {
            id: r.id.clone(),
            thread_id: r.thread_id.clone(),
            post_id: r.post_id.clone(),
            category: r.category()?,
            details: r.details.clone(),
            status: r.status()?,
            created_at: r.created_at.and_utc(),
        })
    }
}
