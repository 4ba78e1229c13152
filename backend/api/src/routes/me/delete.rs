//! `DELETE /me`

use actix_web::{delete, web, HttpResponse};
use kindred_app::accounts;
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
    #[schema(schema_with = crate::fields::password)]
    pub password: String,
}

/// Erases my account: email, password, profile, conditions, sessions and every other record
/// about me are deleted; my handle is replaced, and anything I posted shows as "deleted
/// member". The audit log keeps only the pseudonymous account id.
#[utoipa::path(delete, path = "/api/v1/me", tag = "me", security(("bearer" = [])), request_body = DeleteMeRequest,
    responses((status = 204), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many wrong passwords; wait"),
              (status = 503, body = crate::error::Problem, description = "Too many password checks at once; retry")))]
#[delete("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: Json<DeleteMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let password = Password::unchecked(&body.into_inner().password);
    let owner = user.owner();
    let o = owner.clone();
    let account = state.db(move |c| Ok(accounts::me(c, &o)?)).await?;
    crate::auth::throttle::verify_current_password(
        &state, &account, &password, &client, "password",
    )
    .await?;
    let email = account.email;
    state.db(move |c| Ok(accounts::profile::erase(c, &owner, email.as_deref())?)).await?;
    Ok(HttpResponse::NoContent()
        .cookie(clear_cookie(&state))
        .cookie(clear_hint_cookie(&state))
        .finish())
}
