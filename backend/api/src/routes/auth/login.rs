//! `POST /auth/login`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::signin;
use kindred_domain::audit::Action;
use kindred_domain::{Email, Password};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::{ApiError, AppState, Json};

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email address.
    #[schema(schema_with = crate::fields::email)]
    pub email: String,
    /// Password.
    #[schema(schema_with = crate::fields::password)]
    pub password: String,
}

fn invalid() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_credentials",
        detail: "The email or password is not right.".into(),
    }
}

/// Signs in. Unknown emails and wrong passwords get the same answer in the same time. Failed
/// attempts slow further ones down (per account, and per account and network), exponentially
/// up to a cap, with the same answers whether or not the address has an account; the owner is
/// emailed when that starts. Nobody is locked out for good.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = crate::views::AuthResponse, description = "Also sets the refresh cookie"),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem, description = "Suspended"),
              (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem),
              (status = 503, body = crate::error::Problem, description = "Too many sign-ins at once; retry")))]
#[post("/auth/login")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("login:{}", client.ip))?;
    let req = body.into_inner();
    let email = Email::parse(&req.email)?;
    let password = Password::unchecked(&req.password);
    let rules = state.config.login_backoff;

    let (em, ip) = (email.clone(), client.ip.clone());
    let (user, attempt) = state.db(move |c| Ok(signin::lookup(c, &rules, &em, &ip)?)).await?;
    let verified =
        state.hasher.verify(&password, user.as_ref().and_then(|u| u.password_hash.clone())).await;
    // Not checked at all (the hashing queue is full: 503): the attempt does not count.
    let verified = match verified {
        Ok(v) => v,
        Err(e) => {
            state.db(move |c| Ok(signin::release(c, &attempt)?)).await?;
            return Err(e.into());
        }
    };
    if verified.ok {
        state.db(move |c| Ok(signin::release(c, &attempt)?)).await?;
    } else {
        let key = kindred_app::accounts::failure_key(email.as_str());
        let (outbox, ip) = (state.outbox.clone(), client.ip.clone());
        state
            .db(move |c| {
                let action = Action::AuthLoginFailed;
                Ok(signin::record_failure(c, &outbox, &rules, (&key, &ip), user.as_ref(), action)?)
            })
            .await?;
        state.wake_mailer();
        return Err(invalid());
    }
    let Some(user) = user else { return Err(invalid()) };
    signin::admit(&user)?;
    let rehash =
        if verified.needs_rehash { Some(state.hasher.hash(&password).await?) } else { None };
    let (u, from) = (user.clone(), client.signin());
    let (session_id, refresh) =
        state.db(move |c| Ok(signin::succeeded(c, &u, &from, rehash.as_deref())?)).await?;
    crate::auth::session::signed_in(&state, &user, &session_id, &refresh)
}
