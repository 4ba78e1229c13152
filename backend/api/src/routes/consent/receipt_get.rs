//! `GET /me/consents/{id}`

use actix_web::{get, web, HttpResponse};

use crate::auth::AuthUser;
use crate::views::ConsentReceipt;
use crate::{ApiError, AppState};

/// One of my consent receipts as a JSON file to keep (someone else's: 404).
#[utoipa::path(get, path = "/api/v1/me/consents/{id}", tag = "consent", security(("bearer" = [])),
    params(("id" = String, Path, description = "Receipt id")),
    responses((status = 200, body = ConsentReceipt), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[get("/me/consents/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let r = state.db(move |c| Ok(kindred_app::research::consent::receipt(c, &actor, &id)?)).await?;
    let receipt = ConsentReceipt::from(&r);
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"kindred-consent-{}.json\"", receipt.receipt_id),
        ))
        .json(receipt))
}
