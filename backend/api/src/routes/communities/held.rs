//! `GET /communities/{slug}/held`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::PostResponse;
use crate::{ApiError, AppState};

/// Posts waiting for approval.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldPosts {
    /// Oldest first (at most 200), as a moderator sees them (author included).
    pub items: Vec<PostResponse>,
}

/// New members' first posts waiting for a moderator's approval (moderators), oldest first.
/// Approve or reject each with `POST /posts/{id}/approve` or `/reject`.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/held", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")),
    responses((status = 200, body = HeldPosts), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
#[get("/communities/{slug}/held")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<HeldPosts>, ApiError> {
    let (actor, slug) = (user.actor(), path.into_inner());
    let views = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            let m = kindred_app::authz::require_moderator(reader)?;
            let held = kindred_app::communities::moderation::held(c, &m, 200)?;
            Ok(kindred_app::communities::posts::views(c, m.reader(), held)?)
        })
        .await?;
    let items = views.iter().map(PostResponse::try_from).collect::<Result<_, _>>()?;
    Ok(web::Json(HeldPosts { items }))
}
