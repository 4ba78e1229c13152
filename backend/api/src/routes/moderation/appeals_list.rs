//! `GET /appeals`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::{AppealResponse, ModActionResponse};
use crate::{ApiError, AppState};

/// An open appeal and the action it is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealQueueItem {
    /// The appeal.
    pub appeal: AppealResponse,
    /// The action appealed.
    pub action: ModActionResponse,
}

/// The open appeals I may resolve.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealQueue {
    /// At most 200.
    pub items: Vec<AppealQueueItem>,
}

/// The open appeals I may resolve: every one for admins; for moderators, those about their
/// communities' actions that someone else took. Members who moderate nothing get 403.
#[utoipa::path(get, path = "/api/v1/appeals", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, body = AppealQueue), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem)))]
#[get("/appeals")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<AppealQueue>, ApiError> {
    let actor = user.actor();
    let rows = state
        .db(move |c| Ok(kindred_app::communities::moderation::appeals_queue(c, &actor, 200)?))
        .await?;
    let items = rows
        .iter()
        .map(|(appeal, action)| {
            Ok(AppealQueueItem {
                appeal: AppealResponse::try_from(appeal)?,
                action: ModActionResponse::try_from(action)?,
            })
        })
        .collect::<Result<_, kindred_db::DbError>>()?;
    Ok(web::Json(AppealQueue { items }))
}
