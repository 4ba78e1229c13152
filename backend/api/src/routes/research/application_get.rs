//! `GET /researcher/application`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::ApplicationResponse;
use crate::{ApiError, AppState};

/// My latest researcher application and its outcome (404 when I never applied).
#[utoipa::path(get, path = "/api/v1/researcher/application", tag = "research", security(("bearer" = [])),
    responses((status = 200, body = ApplicationResponse), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/researcher/application")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<ApplicationResponse>, ApiError> {
    let actor = user.actor();
    let row = state.db(move |c| Ok(kindred_app::research::applications::mine(c, &actor)?)).await?;
    Ok(web::Json(ApplicationResponse::try_from(&row)?))
}
