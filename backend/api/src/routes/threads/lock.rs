//! `POST /threads/{id}/lock`

use actix_web::{post, web};
use kindred_app::communities::moderation::ThreadAction;

use crate::auth::AuthUser;
use crate::views::{ModActionResponse, ModReasonRequest};
use crate::{ApiError, AppState, Json};

/// Locks a thread (moderators): it takes no new posts except from moderators. Already
/// locked is 409 `wrong_state`. Logged with the reason.
#[utoipa::path(post, path = "/api/v1/threads/{id}/lock", tag = "threads", security(("bearer" = [])),
    params(("id" = String, Path, description = "Thread id")), request_body = ModReasonRequest,
    responses((status = 200, body = ModActionResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/threads/{id}/lock")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ModReasonRequest>,
) -> Result<web::Json<ModActionResponse>, ApiError> {
    super::act(state, user, path.into_inner(), body.into_inner(), ThreadAction::Lock).await
}
