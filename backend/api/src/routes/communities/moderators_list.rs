//! `GET /communities/{slug}/moderators`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// A moderator.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratorView {
    /// Their handle.
    pub handle: String,
}

/// A community's moderators.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModeratorList {
    /// The moderators.
    pub items: Vec<ModeratorView>,
}

/// Who moderates a community (whoever may read it; members-only communities answer 404 to
/// non-members).
#[utoipa::path(get, path = "/api/v1/communities/{slug}/moderators", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")),
    responses((status = 200, body = ModeratorList), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/communities/{slug}/moderators")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<ModeratorList>, ApiError> {
    let (actor, slug) = (user.actor(), path.into_inner());
    let rows = state
        .db(move |c| {
            let reader = kindred_app::authz::require_reader(c, &actor, &slug)?;
            Ok(kindred_app::communities::moderators(c, &reader)?)
        })
        .await?;
    let items = rows.into_iter().map(|(_, handle)| ModeratorView { handle }).collect();
    Ok(web::Json(ModeratorList { items }))
}
