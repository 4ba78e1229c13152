//! `POST /appeals`

use actix_web::{post, web, HttpResponse};
use kindred_domain::forum::parse_reason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::AppealResponse;
use crate::{ApiError, AppState, Json};

/// An appeal of a moderator action.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealRequest {
    /// The action appealed (its id, from the notification or the moderation log).
    #[schema(schema_with = crate::fields::uuid)]
    pub mod_action_id: String,
    /// Why it should be reversed: 1–2,000 characters.
    #[schema(schema_with = crate::fields::reason)]
    pub statement: String,
}

/// Appeals an action taken against me (a removal, a rejection, a warning or a ban), once. An
/// admin or another moderator resolves it. Someone else's action is 404; one that cannot be
/// appealed 409 `not_appealable`; a second appeal 409 `already_appealed`.
#[utoipa::path(post, path = "/api/v1/appeals", tag = "moderation", security(("bearer" = [])),
    request_body = AppealRequest,
    responses((status = 201, body = AppealResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/appeals")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<AppealRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let statement = parse_reason("statement", &req.statement)?;
    let (actor, action_id) = (user.actor(), req.mod_action_id);
    let appeal = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::appeal(c, &actor, &action_id, &statement)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(AppealResponse::try_from(&appeal)?))
}
