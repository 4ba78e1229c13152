//! `POST /communities/{slug}/warnings`

use actix_web::{post, web, HttpResponse};
use kindred_domain::forum::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ModActionResponse;
use crate::{ApiError, AppState, Json};

/// A warning to a member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WarnRequest {
    /// The member's handle.
    #[schema(schema_with = crate::fields::handle)]
    pub handle: String,
    /// Why: 1–2,000 characters, shown to the member and in the moderation log.
    #[schema(schema_with = crate::fields::reason)]
    pub reason: String,
}

/// Warns a member (moderators). The member is notified with the reason (and emailed if they
/// chose email notifications) and may appeal; the warning is logged.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/warnings", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")), request_body = WarnRequest,
    responses((status = 201, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/communities/{slug}/warnings")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<WarnRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let reason = parse_reason("reason", &req.reason)?;
    let (actor, slug, handle, outbox) =
        (user.actor(), path.into_inner(), req.handle, state.outbox.clone());
    let action = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let m = kindred_app::authz::require_moderator(reader)?;
            Ok(kindred_app::communities::moderation::warn(c, &outbox, &m, &handle, &reason)?)
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Created().json(ModActionResponse::try_from(&action)?))
}
