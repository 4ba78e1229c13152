//! `GET /me/consents`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::{ConsentList, ConsentReceipt};
use crate::{ApiError, AppState};

/// My consents, current and past (every grant, change and withdrawal), newest first.
#[utoipa::path(get, path = "/api/v1/me/consents", tag = "consent", security(("bearer" = [])),
    responses((status = 200, body = ConsentList), (status = 401, body = crate::error::Problem)))]
#[get("/me/consents")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<ConsentList>, ApiError> {
    let actor = user.actor();
    let rows = state.db(move |c| Ok(kindred_app::research::consent::receipts(c, &actor)?)).await?;
    Ok(web::Json(ConsentList { items: rows.iter().map(ConsentReceipt::from).collect() }))
}
