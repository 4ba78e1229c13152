//! `POST /threads/{id}/posts`

use actix_web::{post, web, HttpResponse};
use kindred_app::communities::posts::Draft;
use kindred_domain::forum::parse_body;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::PublishedResponse;
use crate::{ApiError, AppState, Json};

/// A reply.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// Markdown, 1–20,000 characters.
    #[schema(schema_with = crate::fields::post_body)]
    pub body: String,
    /// Publish "as a member": other members do not see who wrote it (moderators and admins
    /// do).
    #[serde(default)]
    pub anonymous: bool,
    /// I saw the privacy findings and publish anyway.
    #[serde(default)]
    pub confirm_privacy_findings: bool,
}

/// Replies in a thread. Needs a confirmed address and membership; a locked thread answers 409
/// `locked`, a thread not open for replies 409 `thread_not_open`; a post that could identify
/// someone is refused with 422 `privacy_check` unless confirmed; new accounts post at most
/// five times an hour on their first day (429). The thread's author is notified.
#[utoipa::path(post, path = "/api/v1/threads/{id}/posts", tag = "threads", security(("bearer" = [])),
    params(("id" = String, Path, description = "Thread id")), request_body = ReplyRequest,
    responses((status = 201, body = PublishedResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[post("/threads/{id}/posts")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ReplyRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let draft = Draft {
        title: None,
        body: parse_body(&req.body)?,
        anonymous: req.anonymous,
        confirm_privacy_findings: req.confirm_privacy_findings,
    };
    let (actor, id) = (user.actor(), path.into_inner());
    let (published, thread, post) = state
        .db(move |c| {
            use kindred_app::communities::posts;
            let p = posts::reply(c, &actor, &id, &draft)?;
            let (reader, t) = posts::readable_thread(c, &actor, &id)?;
            let thread = posts::view_thread(c, &reader, t)?;
            let post = posts::views(c, &reader, vec![p.post.clone()])?;
            Ok((p, thread, post))
        })
        .await?;
    let post = post.first().ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Created().json(PublishedResponse::new(&published, &thread, post)?))
}
