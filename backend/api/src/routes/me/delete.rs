//! `DELETE /me`

use actix_web::{delete, web, HttpResponse};
use kindred_db::queries::{audit, privacy, users};
use kindred_domain::audit::Action;
use kindred_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::session::{clear_cookie, clear_hint_cookie};
use crate::auth::{AuthUser, ClientInfo};
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
    responses((status = 204), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many wrong passwords; wait")))]
#[delete("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: Json<DeleteMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let password = Password::unchecked(&body.into_inner().password);
    let uid = user.id.clone();
    let account = state.db(move |c| users::find(c, &uid)?.ok_or(ApiError::NotFound)).await?;
    crate::auth::throttle::verify_current_password(
        &state, &account, &password, &client, "password",
    )
    .await?;
    let key = account.email.as_deref().map(crate::auth::throttle::account_key);
    state
        .tx(move |c| {
            if let Some(key) = &key {
                kindred_db::queries::auth_failures::clear(c, key, None)?;
            }
            privacy::erase(c, &user.id, kindred_db::now_utc())?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AccountDeleted, Some(&user.id))
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
