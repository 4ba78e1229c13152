//! `POST /auth/login`

use actix_web::{post, web, HttpResponse};
use chrono::TimeDelta;
use kindred_db::queries::{audit, users};
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

/// Signs in. Unknown emails and wrong passwords get the same answer in the same time. After
/// too many failed attempts in an hour the account's logins are refused for the rest of the
/// hour (password reset still works).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = super::AuthResponse, description = "Also sets the refresh cookie"),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem, description = "Suspended"),
              (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
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
    let limit = state.config.failed_login_limit;

    let em = email.clone();
    let (user, locked_for) = state
        .db(move |c| {
            let now = kindred_db::now_utc();
            let user = users::find_by_email(c, em.as_str())?.filter(|u| u.status != "deleted");
            let mut locked_for = None;
            if let Some(u) = &user {
                let (n, oldest) = users::login_failures_since(c, &u.id, now - TimeDelta::hours(1))?;
                if n >= limit {
                    let free_at = oldest.unwrap_or(now) + TimeDelta::hours(1);
                    locked_for = Some((free_at - now).num_seconds().max(1) as u64);
                }
            }
            Ok((user, locked_for))
        })
        .await?;

    let verified =
        state.hasher.verify(&password, user.as_ref().and_then(|u| u.password_hash.clone())).await?;
    let Some(user) = user else { return Err(invalid()) };
    if let Some(retry_after) = locked_for {
        let uid = user.id.clone();
        let ip = client.ip.clone();
        state
            .tx(move |c| {
                audit::record(
                    c,
                    &audit::NewAuditEvent::new("auth.login_refused_locked", None)
                        .subject("user", &uid)
                        .details(serde_json::json!({ "ip": ip })),
                )?;
                Ok(())
            })
            .await?;
        return Err(ApiError::TooManyRequests {
            retry_after,
            detail: "Too many failed sign-ins for this account. Try again later, or reset your password.".into(),
        });
    }
    if !verified.ok {
        let uid = user.id.clone();
        let ip = client.ip.clone();
        state
            .tx(move |c| {
                users::record_login_failure(c, &uid, Some(&ip))?;
                audit::record(
                    c,
                    &audit::NewAuditEvent::new("auth.login_failed", None)
                        .subject("user", &uid)
                        .details(serde_json::json!({ "ip": ip })),
                )?;
                Ok(())
            })
            .await?;
        return Err(invalid());
    }
    if user.status == "suspended" {
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
            let opened = super::open_session(c, &u, &client, now)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new("auth.login_succeeded", Some(&u.id))
                    .subject("session", &opened.0)
                    .details(serde_json::json!({ "ip": client.ip })),
            )?;
            Ok(opened)
        })
        .await?;
    super::signed_in(&state, &user, &session_id, &refresh)
}
