//! `DELETE /me/conditions/{id}`

use actix_web::{delete, web, HttpResponse};
use kindred_db::queries::{audit, conditions};
use kindred_domain::audit::Action;

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Removes a condition from my list. Someone else's entry answers 404.
#[utoipa::path(delete, path = "/api/v1/me/conditions/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = String, Path, description = "The entry id from GET /me/conditions")),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
#[delete("/me/conditions/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    state
        .tx(move |c| {
            if !conditions::remove_for_user(c, &user.id, &id)? {
                return Err(ApiError::NotFound);
            }
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AccountConditionRemoved, Some(&user.id))
                    .subject("user_condition", &id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
