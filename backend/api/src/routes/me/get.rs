//! `GET /me`

use actix_web::{get, web};
use kindred_db::queries::users;

use crate::auth::AuthUser;
use crate::views::UserResponse;
use crate::{ApiError, AppState};

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = UserResponse), (status = 401, body = crate::error::Problem)))]
#[get("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<UserResponse>, ApiError> {
    let u = state.db(move |c| users::find(c, &user.id)?.ok_or(ApiError::NotFound)).await?;
    Ok(web::Json(UserResponse::try_from(&u)?))
}
