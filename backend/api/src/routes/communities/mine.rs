//! `GET /me/communities`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::CommunityResponse;
use crate::{ApiError, AppState};

/// My communities.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyCommunities {
    /// The communities I belong to, by name.
    pub member_of: Vec<CommunityResponse>,
    /// The communities I moderate, by name.
    pub moderator_of: Vec<CommunityResponse>,
}

/// The communities I belong to and those I moderate.
#[utoipa::path(get, path = "/api/v1/me/communities", tag = "communities", security(("bearer" = [])),
    responses((status = 200, body = MyCommunities), (status = 401, body = crate::error::Problem)))]
#[get("/me/communities")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MyCommunities>, ApiError> {
    let actor = user.actor();
    let (member, moderator) =
        state.db(move |c| Ok(kindred_app::communities::mine(c, &actor)?)).await?;
    Ok(web::Json(MyCommunities {
        member_of: member.iter().map(CommunityResponse::try_from).collect::<Result<_, _>>()?,
        moderator_of: moderator
            .iter()
            .map(CommunityResponse::try_from)
            .collect::<Result<_, _>>()?,
    }))
}
