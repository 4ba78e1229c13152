//! `/threads/{id}`: a thread page and its posts, replies, reports of a thread, and the
//! moderators' thread actions (lock, unlock, pin, unpin, remove, restore).

pub mod get;
pub mod lock;
pub mod pin;
pub mod posts_create;
pub mod posts_list;
pub mod remove;
pub mod reports_create;
pub mod restore;
pub mod unlock;
pub mod unpin;

area! {
    get::handler,
    posts_list::handler,
    posts_create::handler,
    reports_create::handler,
    lock::handler,
    unlock::handler,
    pin::handler,
    unpin::handler,
    remove::handler,
    restore::handler,
}

use actix_web::web;
use kindred_app::communities::moderation::ThreadAction;
use kindred_domain::forum::parse_reason;

use crate::auth::{AuthUser, Bearer};
use crate::pagination::PageQuery;
use crate::views::{ModActionResponse, ModReasonRequest, ThreadPageResponse};
use crate::{ApiError, AppState};

/// One of the moderators' thread actions, for its handler: the reason parsed, one hop, the
/// mailer woken (the author may be emailed).
async fn act(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    body: ModReasonRequest,
    action: ThreadAction,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    let reason = parse_reason("reason", &body.reason)?;
    let (actor, outbox) = (user.actor(), state.outbox.clone());
    let done = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::thread_action(
                c, &outbox, &actor, &id, action, &reason,
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ModActionResponse::try_from(&done)?))
}

/// A page of a thread (`GET /threads/{id}` and `GET /threads/{id}/posts`), counted by the
/// scraping guard.
async fn page(
    state: web::Data<AppState>,
    bearer: Bearer,
    id: String,
    q: PageQuery,
) -> Result<web::Json<ThreadPageResponse>, ApiError> {
    let (limit, cursor) = (q.limit()?, q.cursor()?);
    let page = state
        .read(bearer, move |c, actor| {
            Ok(kindred_app::communities::posts::thread_page(c, actor, &id, cursor.as_ref(), limit)?)
        })
        .await?;
    Ok(web::Json(ThreadPageResponse::try_from(&page)?))
}
