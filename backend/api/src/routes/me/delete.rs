//! `DELETE /me`

use actix_web::{delete, web, HttpResponse};
use kindred_db::queries::{audit, privacy, users};
use kindred_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::routes::auth::{clear_cookie, clear_hint_cookie};
use crate::{ApiError, AppState, Json};

/// Confirmation of erasure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteMeRequest {
    /// The account password.
    pub password: String,
}

/// Erases my account: email, password, profile, conditions, sessions and every other record
/// about me are deleted; my handle is replaced, and anything I posted shows as "deleted
/// member". The audit log keeps only the pseudonymous account id.
#[utoipa::path(delete, path = "/api/v1/me", tag = "me", security(("bearer" = [])), request_body = DeleteMeRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem)))]
#[delete("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<DeleteMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let password = Password::unchecked(&body.into_inner().password);
    let uid = user.id.clone();
    let account = state.db(move |c| users::find(c, &uid)?.ok_or(ApiError::NotFound)).await?;
    if !state.hasher.verify(&password, account.password_hash).await?.ok {
        return Err(ApiError::field("password", "incorrect", "Your password is not right."));
    }
    state
        .tx(move |c| {
            privacy::erase(c, &user.id, kindred_db::now_utc())?;
            audit::record(
                c,
                &audit::NewAuditEvent::new("account.deleted", Some(&user.id))
                    .subject("user", &user.id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(clear_cookie(&state))
        .cookie(clear_hint_cookie(&state))
        .finish())
}
