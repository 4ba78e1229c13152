//! `GET /communities`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::{CommunityList, CommunityResponse};
use crate::{ApiError, AppState};

/// Every community that is not archived, by name, with member and thread counts and whether
/// I belong. Members-only communities are listed (their name and purpose are public; their
/// content is for members).
#[utoipa::path(get, path = "/api/v1/communities", tag = "communities", security(("bearer" = [])),
    responses((status = 200, body = CommunityList), (status = 401, body = crate::error::Problem)))]
#[get("/communities")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<CommunityList>, ApiError> {
    let actor = user.actor();
    let rows = state.db(move |c| Ok(kindred_app::communities::list(c, &actor)?)).await?;
    let items = rows.iter().map(CommunityResponse::try_from).collect::<Result<_, _>>()?;
    Ok(web::Json(CommunityList { items }))
}
