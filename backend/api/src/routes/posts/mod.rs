//! `/posts/{id}`: editing and deleting one's own posts, reporting a post, and the
//! moderators' post actions (remove, restore, approve, reject).

pub mod approve;
pub mod delete;
pub mod reject;
pub mod remove;
pub mod reports_create;
pub mod restore;
pub mod update;

area! {
    update::handler,
    delete::handler,
    reports_create::handler,
    remove::handler,
    restore::handler,
    approve::handler,
    reject::handler,
}

use actix_web::web;
use kindred_app::communities::moderation::PostAction;
use kindred_domain::forum::parse_reason;

use crate::auth::AuthUser;
use crate::views::{ModActionResponse, ModReasonRequest};
use crate::{ApiError, AppState};

/// One of the moderators' post actions, for its handler: the reason parsed, one hop, the
/// mailer woken (the author may be emailed).
async fn act(
    state: web::Data<AppState>,
    user: AuthUser,
    id: String,
    body: ModReasonRequest,
    action: PostAction,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    let reason = parse_reason("reason", &body.reason)?;
    let (actor, outbox) = (user.actor(), state.outbox.clone());
    let done = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::post_action(
                c, &outbox, &actor, &id, action, &reason,
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ModActionResponse::try_from(&done)?))
}
