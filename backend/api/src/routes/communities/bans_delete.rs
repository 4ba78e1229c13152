//! `DELETE /communities/{slug}/bans/{handle}`

use actix_web::{delete, web};
use kindred_domain::forum::parse_reason;

use crate::auth::AuthUser;
use crate::views::{ModActionResponse, ModReasonRequest};
use crate::{ApiError, AppState, Json};

/// Lifts a member's ban early (moderators), with a reason (a JSON body on this DELETE). The
/// member is notified; the lifting is logged. No ban in force is 404.
#[utoipa::path(delete, path = "/api/v1/communities/{slug}/bans/{handle}", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"),
           ("handle" = String, Path, pattern = "^[A-Za-z0-9_-]{3,30}$", description = "The banned member's handle")),
    request_body = ModReasonRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[delete("/communities/{slug}/bans/{handle}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    body: Json<ModReasonRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    let reason = parse_reason("reason", &body.into_inner().reason)?;
    let (slug, handle) = path.into_inner();
    let (actor, outbox) = (user.actor(), state.outbox.clone());
    let action = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let m = kindred_app::authz::require_moderator(reader)?;
            Ok(kindred_app::communities::moderation::unban(c, &outbox, &m, &handle, &reason)?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ModActionResponse::try_from(&action)?))
}
