//! `POST /me/notifications/read-all`

use actix_web::{post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// What marking read did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many notifications were unread and are now read.
    pub marked: usize,
}

/// Marks all my notifications read.
#[utoipa::path(post, path = "/api/v1/me/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = MarkedRead), (status = 401, body = crate::error::Problem)))]
#[post("/me/notifications/read-all")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MarkedRead>, ApiError> {
    let owner = user.owner();
    let marked = state
        .db(move |c| Ok(kindred_app::communities::notifications::mark_all_read(c, &owner)?))
        .await?;
    Ok(web::Json(MarkedRead { marked }))
}
