//! `POST /auth/login`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, auth_failures, users};
use kindred_domain::account::AccountStatus;
use kindred_domain::audit::Action;
use kindred_domain::{Email, Password};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{throttle, ClientInfo};
use crate::{ApiError, AppState, Json};

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email address.
    pub email: String,
    /// Password.
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
    let key = throttle::account_key(email.as_str());

    let (em, k, ip, rules) =
        (email.clone(), key.clone(), client.ip.clone(), state.config.login_backoff);
    let user = state
        .db(move |c| {
            throttle::check(c, &rules, &k, &ip, kindred_db::now_utc())?;
            match users::find_by_email(c, em.as_str())? {
                Some(u) if u.status()? == AccountStatus::Deleted => Ok(None),
                found => Ok(found),
            }
        })
        .await?;

    let verified =
        state.hasher.verify(&password, user.as_ref().and_then(|u| u.password_hash.clone())).await?;
    if !verified.ok {
        let (st, ip) = (state.clone(), client.ip.clone());
        state
            .tx(move |c| {
                throttle::record_failure(c, &st, &key, &ip, user.as_ref(), Action::AuthLoginFailed)
            })
            .await?;
        state.wake_mailer();
        return Err(invalid());
    }
    let Some(user) = user else { return Err(invalid()) };
    if user.status()? == AccountStatus::Suspended {
        let reason = user.status_reason.clone().unwrap_or_default();
        return Err(ApiError::Forbidden {
            code: "account_suspended",
            detail: format!("This account is suspended. Reason: {reason}"),
        });
    }
    let rehash =
        if verified.needs_rehash { Some(state.hasher.hash(&password).await?) } else { None };
    let u = user.clone();
    let (session_id, refresh) = state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            if let Some(h) = rehash {
                users::set_password_hash(c, &u.id, &h)?;
            }
            // A success from this network forgets this network's failures.
            auth_failures::clear(c, &key, Some(&client.ip))?;
            let opened = crate::auth::session::open_session(c, &u, &client, now)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthLoginSucceeded, Some(&u.id))
                    .subject("session", &opened.0),
            )?;
            Ok(opened)
        })
        .await?;
    crate::auth::session::signed_in(&state, &user, &session_id, &refresh)
}
