//! `GET /communities/{slug}`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::CommunityResponse;
use crate::{ApiError, AppState};

/// One community's card (anyone signed in; an archived one only to those who may read it).
#[utoipa::path(get, path = "/api/v1/communities/{slug}", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")),
    responses((status = 200, body = CommunityResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/communities/{slug}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<CommunityResponse>, ApiError> {
    let (actor, slug) = (user.actor(), path.into_inner());
    let l = state.db(move |c| Ok(kindred_app::communities::card(c, &actor, &slug)?)).await?;
    Ok(web::Json(CommunityResponse::try_from(&l)?))
}
