//! `POST /posts/{id}/restore`

use actix_web::{post, web};
use kindred_app::communities::moderation::PostAction;

use crate::auth::AuthUser;
use crate::views::{ModActionResponse, ModReasonRequest};
use crate::{ApiError, AppState, Json};

/// Restores a removed post (moderators); the author is notified with the reason. Not
/// removed is 409 `wrong_state`.
#[utoipa::path(post, path = "/api/v1/posts/{id}/restore", tag = "posts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")), request_body = ModReasonRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/posts/{id}/restore")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ModReasonRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    super::act(state, user, path.into_inner(), body.into_inner(), PostAction::Restore).await
}
