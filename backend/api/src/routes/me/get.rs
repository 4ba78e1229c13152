//! `GET /me`

use actix_web::{get, web};

use crate::auth::AuthUser;
use serde::Serialize;
use utoipa::ToSchema;

use crate::views::UserResponse;
use crate::{ApiError, AppState};

/// The signed-in account, with the communities it moderates.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    /// The account.
    #[serde(flatten)]
    pub user: UserResponse,
    /// Slugs of the communities I moderate (by name).
    pub moderator_of: Vec<String>,
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MeResponse), (status = 401, body = crate::error::Problem)))]
#[get("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MeResponse>, ApiError> {
    let (owner, actor) = (user.owner(), user.actor());
    let (u, moderates) = state
        .db(move |c| {
            let u = kindred_app::accounts::me(c, &owner)?;
            Ok((u, kindred_app::communities::mine(c, &actor)?.1))
        })
        .await?;
    Ok(web::Json(MeResponse {
        user: UserResponse::try_from(&u)?,
        moderator_of: moderates.into_iter().map(|l| l.community.slug).collect(),
    }))
}
