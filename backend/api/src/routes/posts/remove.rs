//! `POST /posts/{id}/remove`

use actix_web::{post, web};
use kindred_app::communities::moderation::PostAction;

use crate::auth::AuthUser;
use crate::views::{ModActionResponse, ModReasonRequest};
use crate::{ApiError, AppState, Json};

/// Removes a published post (moderators): a placeholder shows to members and the text
/// leaves their search; the post's open reports are closed as actioned. The author is
/// notified with the reason (and emailed if they chose email notifications) and may
/// appeal. Not published is 409 `wrong_state`.
#[utoipa::path(post, path = "/api/v1/posts/{id}/remove", tag = "posts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")), request_body = ModReasonRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/posts/{id}/remove")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ModReasonRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    super::act(state, user, path.into_inner(), body.into_inner(), PostAction::Remove).await
}
