//! `POST /communities/{slug}/threads`

use actix_web::{post, web, HttpResponse};
use kindred_app::communities::posts::Draft;
use kindred_domain::forum::{parse_body, parse_title};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::PublishedResponse;
use crate::{ApiError, AppState, Json};

/// A new thread: its title and first post.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThreadRequest {
    /// 1–200 characters, one line.
    #[schema(schema_with = crate::fields::thread_title)]
    pub title: String,
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

/// Starts a thread. Needs a confirmed address and membership; a post that could identify
/// someone is refused with 422 `privacy_check` unless confirmed; new accounts post at most
/// five times an hour on their first day (429).
#[utoipa::path(post, path = "/api/v1/communities/{slug}/threads", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")), request_body = NewThreadRequest,
    responses((status = 201, body = PublishedResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[post("/communities/{slug}/threads")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<NewThreadRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let mut errs = FieldErrors::new();
    let title = errs.check(parse_title(&req.title));
    let text = errs.check(parse_body(&req.body));
    let (Some(title), Some(text)) = (title, text) else { return Err(errs.into()) };
    let draft = Draft {
        title: Some(title),
        body: text,
        anonymous: req.anonymous,
        confirm_privacy_findings: req.confirm_privacy_findings,
    };
    let (actor, slug) = (user.actor(), path.into_inner());
    let (published, thread, post) = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let poster = kindred_app::authz::require_poster(c, reader)?;
            let p = kindred_app::communities::posts::create_thread(c, &poster, &draft)?;
            let thread =
                kindred_app::communities::posts::view_thread(c, poster.reader(), p.thread.clone())?;
            let post =
                kindred_app::communities::posts::views(c, poster.reader(), vec![p.post.clone()])?;
            Ok((p, thread, post))
        })
        .await?;
    let post = post.first().ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Created().json(PublishedResponse::new(&published, &thread, post)?))
}
