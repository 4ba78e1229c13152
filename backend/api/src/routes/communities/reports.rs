//! `GET /communities/{slug}/reports`

use std::collections::HashMap;

use actix_web::{get, web};
use kindred_domain::forum::ReportStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::views::{PostResponse, ReportResponse, ThreadResponse};
use crate::{ApiError, AppState};

/// Which reports, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQueueQuery {
    /// `open` (default), `dismissed` or `actioned`.
    pub status: Option<ReportStatus>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
}

/// A report and what it is about, as it is now.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedReport {
    /// The report (with the text as it was when reported).
    pub report: ReportResponse,
    /// The post reported (for a thread, its first post), as a moderator sees it (author
    /// included); absent if it no longer exists.
    pub post: Option<PostResponse>,
    /// Its thread, as a moderator sees it; absent if it no longer exists.
    pub thread: Option<ThreadResponse>,
}

/// A page of the report queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportQueue {
    /// Self-harm concerns first, then oldest first.
    pub items: Vec<QueuedReport>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
}

/// A community's reports in one status (moderators): self-harm concerns first, then oldest
/// first, each with the content as it is now. Others who may read the community get 403,
/// anyone else 404.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/reports", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"), ReportQueueQuery),
    responses((status = 200, body = ReportQueue), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[get("/communities/{slug}/reports")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    q: web::Query<ReportQueueQuery>,
) -> Result<web::Json<ReportQueue>, ApiError> {
    let q = q.into_inner();
    let status = q.status.unwrap_or(ReportStatus::Open);
    let page = PageQuery { limit: q.limit, cursor: q.cursor };
    let (limit, cursor) = (page.limit()?, page.cursor()?);
    let (actor, slug) = (user.actor(), path.into_inner());
    let (rows, next_cursor) = state
        .db(move |c| {
            use kindred_app::communities::{moderation, posts};
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let m = kindred_app::authz::require_moderator(reader)?;
            let (queued, next) = moderation::queue(c, &m, status, cursor.as_ref(), limit)?;
            let mut seen = std::collections::HashSet::new();
            let reported = queued
                .iter()
                .filter_map(|q| q.post.clone())
                .filter(|p| seen.insert(p.id.clone()))
                .collect();
            let post_views: HashMap<String, _> = posts::views(c, m.reader(), reported)?
                .into_iter()
                .map(|v| (v.post.id.clone(), v))
                .collect();
            let mut thread_views = HashMap::new();
            for t in queued.iter().filter_map(|q| q.thread.clone()) {
                if !thread_views.contains_key(&t.id) {
                    thread_views.insert(t.id.clone(), posts::view_thread(c, m.reader(), t)?);
                }
            }
            let rows: Vec<_> = queued
                .into_iter()
                .map(|q| {
                    let post = q.post.and_then(|p| post_views.get(&p.id).cloned());
                    let thread = q.thread.and_then(|t| thread_views.get(&t.id).cloned());
                    (q.report, post, thread)
                })
                .collect();
            Ok((rows, next))
        })
        .await?;
    let items = rows
        .iter()
        .map(|(report, post, thread)| {
            Ok(QueuedReport {
                report: ReportResponse::try_from(report)?,
                post: post.as_ref().map(PostResponse::try_from).transpose()?,
                thread: thread.as_ref().map(ThreadResponse::try_from).transpose()?,
            })
        })
        .collect::<Result<_, kindred_db::DbError>>()?;
    Ok(web::Json(ReportQueue { items, next_cursor }))
}
