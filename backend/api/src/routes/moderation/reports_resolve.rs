//! `POST /reports/{id}/resolve`

use actix_web::{post, web};
use kindred_domain::forum::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ModActionResponse;
use crate::{ApiError, AppState, Json};

/// What to do with a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportResolution {
    /// Leave the content up and close the report as dismissed.
    Dismiss,
    /// Remove the post (or thread) reported; its open reports close as actioned.
    Remove,
}

/// A moderator's decision on a report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveReportRequest {
    /// `dismiss` or `remove`.
    pub action: ReportResolution,
    /// Why: 1–2,000 characters, in the moderation log (and shown to the author on removal).
    #[schema(schema_with = crate::fields::reason)]
    pub reason: String,
}

/// Resolves an open report (moderators of its community): dismisses it, or removes what it
/// reports (the author is notified and may appeal). Already resolved is 409
/// `already_resolved`; removing content that is no longer published 409 `wrong_state`.
#[utoipa::path(post, path = "/api/v1/reports/{id}/resolve", tag = "moderation", security(("bearer" = [])),
    params(("id" = String, Path, description = "Report id")), request_body = ResolveReportRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/reports/{id}/resolve")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ResolveReportRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    let req = body.into_inner();
    let reason = parse_reason("reason", &req.reason)?;
    let remove = req.action == ReportResolution::Remove;
    let (actor, id, outbox) = (user.actor(), path.into_inner(), state.outbox.clone());
    let action = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::resolve_report(
                c, &outbox, &actor, &id, remove, &reason,
            )?)
        })
        .await?;
    state.wake_mailer();
    Ok(web::Json(ModActionResponse::try_from(&action)?))
}
