//! `POST /communities/{slug}/bans`

use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use kindred_domain::forum::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ModActionResponse;
use crate::{ApiError, AppState, Json};

/// A ban from the community.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BanRequest {
    /// The member's handle.
    #[schema(schema_with = crate::fields::handle)]
    pub handle: String,
    /// Why: 1–2,000 characters, shown to the member (and with every refused write) and in
    /// the moderation log.
    #[schema(schema_with = crate::fields::reason)]
    pub reason: String,
    /// When the ban ends (in the future); absent or null: for good.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Bans a member from the community (moderators): until it ends, their writes there answer
/// 403 `banned` with the reason and the end. The member is notified (and emailed if they
/// chose email notifications) and may appeal; the ban is logged. Banning oneself is 409
/// `cannot_ban_self`.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/bans", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")), request_body = BanRequest,
    responses((status = 201, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/communities/{slug}/bans")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<BanRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let reason = parse_reason("reason", &req.reason)?;
    let (actor, slug, handle, expires_at, outbox) =
        (user.actor(), path.into_inner(), req.handle, req.expires_at, state.outbox.clone());
    let action = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let m = kindred_app::authz::require_moderator(reader)?;
            Ok(kindred_app::communities::moderation::ban(
                c, &outbox, &m, &handle, &reason, expires_at,
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Created().json(ModActionResponse::try_from(&action)?))
}
