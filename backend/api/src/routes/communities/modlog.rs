//! `GET /communities/{slug}/modlog`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::pagination::PageQuery;
use crate::views::ModActionResponse;
use crate::{ApiError, AppState};

/// A page of the moderation log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModLog {
    /// Newest first.
    pub items: Vec<ModActionResponse>,
    /// The next (older) page's cursor.
    pub next_cursor: Option<String>,
}

/// A community's moderation log, newest first: every action with its reason, open to whoever
/// may read the community. The member affected is named for actions on members (warnings,
/// bans); the moderator only to admins.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/modlog", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"), PageQuery),
    responses((status = 200, body = ModLog), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[get("/communities/{slug}/modlog")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<ModLog>, ApiError> {
    let (limit, cursor) = (q.limit()?, q.cursor()?);
    let (actor, slug) = (user.actor(), path.into_inner());
    let (rows, next_cursor) = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            Ok(kindred_app::communities::moderation::log(c, &reader, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = rows.iter().map(ModActionResponse::try_from).collect::<Result<_, _>>()?;
    Ok(web::Json(ModLog { items, next_cursor }))
}
