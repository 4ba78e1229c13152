//! `POST /appeals/{id}/resolve`

use actix_web::{post, web};
use kindred_domain::forum::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ModActionResponse;
use crate::{ApiError, AppState, Json};

/// The outcome of an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppealOutcome {
    /// The action stands.
    Uphold,
    /// The action is reversed (the post or thread restored, the ban lifted, the rejected
    /// post published).
    Reverse,
}

/// A decision on an appeal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveAppealRequest {
    /// `uphold` or `reverse`.
    pub outcome: AppealOutcome,
    /// Why: 1–2,000 characters, sent to the member and in the moderation log.
    #[schema(schema_with = crate::fields::reason)]
    pub reason: String,
}

/// Resolves an open appeal (an admin, or a moderator of the community who did not take the
/// action: 403 `own_action`). The outcome is logged and sent to the member. An appeal I may
/// not resolve is 404; one already resolved 409 `already_resolved`.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/resolve", tag = "moderation", security(("bearer" = [])),
    params(("id" = String, Path, description = "Appeal id")), request_body = ResolveAppealRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/appeals/{id}/resolve")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ResolveAppealRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    let req = body.into_inner();
    let reason = parse_reason("reason", &req.reason)?;
    let reverse = req.outcome == AppealOutcome::Reverse;
    let (actor, id, outbox) = (user.actor(), path.into_inner(), state.outbox.clone());
    let action = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::resolve_appeal(
                c, &outbox, &actor, &id, reverse, &reason,
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ModActionResponse::try_from(&action)?))
}
