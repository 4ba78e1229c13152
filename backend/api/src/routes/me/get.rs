//! `GET /me`

use actix_web::{get, web};

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
    let owner = user.owner();
    let u = state.db(move |c| Ok(kindred_app::accounts::me(c, &owner)?)).await?;
    Ok(web::Json(UserResponse::try_from(&u)?))
}
