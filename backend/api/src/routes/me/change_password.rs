//! `POST /me/password`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::recovery;
use kindred_domain::Password;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::session::signed_in;
use crate::auth::{AuthUser, ClientInfo};
use crate::{ApiError, AppState, Json};

/// The current and the new password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password in use now.
    #[schema(schema_with = crate::fields::password)]
    pub current_password: String,
    /// The new password (12–128 characters; not a common password).
    #[schema(schema_with = crate::fields::new_password)]
    pub new_password: String,
}

/// Changes the password. Every session ends (including this one, whose tokens stop working);
/// the answer carries tokens for a fresh session so this device stays signed in.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "me", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 200, body = crate::views::AuthResponse),
              (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem, description = "Too many wrong passwords; wait"),
              (status = 503, body = crate::error::Problem, description = "Too many password checks at once; retry")))]
#[post("/me/password")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let owner = user.owner();
    let o = owner.clone();
    let account = state.db(move |c| Ok(kindred_app::accounts::me(c, &o)?)).await?;
    let ctx: Vec<&str> =
        [account.email.as_deref(), Some(account.handle.as_str())].into_iter().flatten().collect();
    let new = Password::parse(&req.new_password, "new_password", &ctx)?;
    crate::auth::throttle::verify_current_password(
        &state,
        &account,
        &Password::unchecked(&req.current_password),
        &client,
        "current_password",
    )
    .await?;
    let hash = state.hasher.hash(&new).await?;
    let (outbox, from) = (state.outbox.clone(), client.signin());
    let (account, session_id, refresh) =
        state.db(move |c| Ok(recovery::change_password(c, &outbox, &owner, &hash, &from)?)).await?;
    state.wake_mailer();
    signed_in(&state, &account, &session_id, &refresh)
}
