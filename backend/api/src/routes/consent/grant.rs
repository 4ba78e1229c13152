//! `POST /studies/{id}/consent`

use actix_web::{post, web, HttpResponse};

use crate::auth::AuthUser;
use crate::views::{ConsentReceipt, ConsentRequest};
use crate::{ApiError, AppState, Json};

/// Consents to a study I am invited to, for a subset of its categories (201 with the receipt;
/// 200 with the same receipt when nothing changed; a change of categories is a new version).
/// Needs a confirmed address (403 `email_not_verified`) and the comprehension check (403
/// `comprehension_required`); the consent text's SHA-256 must be the current one (409
/// `consent_text_changed`). A study I am not invited to is 404.
#[utoipa::path(post, path = "/api/v1/studies/{id}/consent", tag = "consent", security(("bearer" = [])),
    params(("id" = String, Path, description = "Study id")), request_body = ConsentRequest,
    responses((status = 201, body = ConsentReceipt), (status = 200, body = ConsentReceipt),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/studies/{id}/consent")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<ConsentRequest>,
) -> Result<HttpResponse, ApiError> {
    let (actor, id, req) = (user.actor(), path.into_inner(), body.into_inner());
    let done = state
        .db(move |c| {
            Ok(kindred_app::research::consent::grant(
                c,
                &actor,
                &id,
                &req.categories,
                req.consent_text_sha256.trim(),
            )?)
        })
        .await?;
    let receipt =
        ConsentReceipt::new(&done.event, &done.receipt.study.title, &done.receipt.institution);
    Ok(if done.created {
        HttpResponse::Created().json(receipt)
    } else {
        HttpResponse::Ok().json(receipt)
    })
}
