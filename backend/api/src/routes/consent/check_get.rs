//! `GET /me/comprehension-check`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::ComprehensionCheckResponse;
use crate::{ApiError, AppState};

/// The three questions asked before a first consent, and when I passed them.
#[utoipa::path(get, path = "/api/v1/me/comprehension-check", tag = "consent", security(("bearer" = [])),
    responses((status = 200, body = ComprehensionCheckResponse), (status = 401, body = crate::error::Problem)))]
#[get("/me/comprehension-check")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<ComprehensionCheckResponse>, ApiError> {
    let actor = user.actor();
    let passed =
        state.db(move |c| Ok(kindred_app::research::consent::check_of(c, &actor)?)).await?;
    Ok(web::Json(ComprehensionCheckResponse::new(passed.as_ref())))
}
