//! `POST /auth/register`

use actix_web::{post, web, HttpResponse};
use chrono::TimeDelta;
use kindred_db::models::user::NewUser;
use kindred_db::queries::{audit, users};
use kindred_db::DbError;
use kindred_domain::audit::Action;
use kindred_domain::{Email, FieldErrors, Handle, Password};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::mail::templates;
use crate::views::Accepted;
use crate::{ApiError, AppState, Json};

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Email address (kept private; used to sign in and for account email).
    pub email: String,
    /// 12–128 characters; not a common password.
    pub password: String,
    /// Public pseudonymous name: 3–30 letters, digits, `_` or `-`. Unique with `-` and `_`
    /// counted as the same character; names that imitate staff or the platform are reserved.
    pub handle: String,
}

/// Registers an account and emails a verification link. Answers 202 with the same body
/// whether or not the email is already registered (its owner gets a notice instead).
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 202, body = Accepted), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[post("/auth/register")]
pub async fn handler(
    state: web::Data<AppState>,
    client: ClientInfo,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    state.auth_limiter.check(&format!("register:{}", client.ip))?;
    let req = body.into_inner();
    let mut errs = FieldErrors::new();
    let email = errs.check(Email::parse(&req.email));
    let handle = errs.check(Handle::parse(&req.handle));
    let ctx = [req.email.as_str(), req.handle.as_str()];
    let password = errs.check(Password::parse(&req.password, "password", &ctx));
    let (Some(email), Some(handle), Some(password)) = (email, handle, password) else {
        return Err(errs.into());
    };
    // Hash before looking anything up, so both outcomes take the same time.
    let hash = state.hasher.hash(&password).await?;
    let st = state.clone();
    state
        .tx(move |c| {
            let now = kindred_db::now_utc();
            if let Some(existing) = users::find_by_email(c, email.as_str())? {
                let mail = templates::registration_attempt(&st.link("/forgot-password"));
                if crate::mail::sealed::may_send(c, &st, email.as_str(), mail.kind)? {
                    crate::mail::sealed::queue(c, &st, Some(&existing.id), email.as_str(), &mail)?;
                }
                audit::record(
                    c,
                    &audit::NewAuditEvent::new(Action::AuthRegisterExistingEmail, None)
                        .subject("user", &existing.id),
                )?;
                return Ok(());
            }
            if users::handle_retired_since(
                c,
                &handle.key(),
                now - TimeDelta::days(kindred_domain::handle::HOLD_DAYS),
            )? {
                return Err(kindred_domain::handle::taken().into());
            }
            let id = kindred_db::new_id();
            let inserted = users::insert(
                c,
                &NewUser {
                    id: &id,
                    email: email.as_str(),
                    handle: handle.as_str(),
                    handle_lower: &handle.key(),
                    password_hash: &hash,
                    role: kindred_domain::account::Role::Patient.as_str(),
                    email_verified_at: None,
                    created_at: now.naive_utc(),
                    updated_at: now.naive_utc(),
                },
            );
            match inserted {
                // Two registrations of one address at the same moment: the second answers
                // like any registration of an existing address (no tell-tale 422).
                Err(DbError::UniqueViolation { constraint }) if constraint == "users_email_key" => {
                    return Ok(());
                }
                other => other?,
            }
            let token = crate::auth::session::issue_email_token(
                c,
                &id,
                "verify_email",
                TimeDelta::hours(24),
                now,
            )?;
            let mail = templates::verify_email(
                handle.as_str(),
                &st.link(&format!("/verify-email?token={token}")),
            );
            crate::mail::sealed::queue(c, &st, Some(&id), email.as_str(), &mail)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AuthRegistered, Some(&id)).subject("user", &id),
            )?;
            Ok(())
        })
        .await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "Check your email: we sent a link to confirm your address.".into(),
    }))
}
