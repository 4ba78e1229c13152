//! `POST /auth/register`

use actix_web::{post, web, HttpResponse};
use kindred_app::accounts::signup::{self, Registration};
use kindred_domain::{Email, FieldErrors, Handle, Password};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::ClientInfo;
use crate::views::Accepted;
use crate::{ApiError, AppState, Json};

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Email address (kept private; used to sign in and for account email).
    #[schema(schema_with = crate::fields::email)]
    pub email: String,
    /// 12–128 characters; not a common password.
    #[schema(schema_with = crate::fields::new_password)]
    pub password: String,
    /// Public pseudonymous name: 3–30 letters, digits, `_` or `-`. Unique with `-` and `_`
    /// counted as the same character; names that imitate staff or the platform are reserved.
    #[schema(schema_with = crate::fields::handle)]
    pub handle: String,
    /// The version of the terms of use, privacy notice and medical disclaimer the member read
    /// and accepted (the date on those pages); recorded with the account. It must be the
    /// version now in force (422 `terms_outdated` otherwise: reload the pages).
    #[serde(default)]
    #[schema(schema_with = crate::fields::terms_version)]
    pub accepted_terms: Option<String>,
}

/// Registers an account and emails a verification link. Answers 202 with the same body
/// whether or not the email is already registered (its owner gets a notice instead).
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 202, body = Accepted), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem),
              (status = 503, body = crate::error::Problem, description = "Too many password hashes at once; retry")))]
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
    if req.accepted_terms.as_deref().is_some_and(|v| v != kindred_domain::account::TERMS_VERSION) {
        errs.add(
            "accepted_terms",
            "terms_outdated",
            "The terms changed since this page was loaded: reload it and read them again.",
        );
    }
    let (Some(email), Some(handle), Some(password), true) =
        (email, handle, password, errs.is_empty())
    else {
        return Err(errs.into());
    };
    // Hash before looking anything up, so both outcomes take the same time.
    let password_hash = state.hasher.hash(&password).await?;
    let r = Registration { email, handle, password_hash, terms_version: req.accepted_terms };
    let outbox = state.outbox.clone();
    state.db(move |c| Ok(signup::register(c, &outbox, &r)?)).await?;
    state.wake_mailer();
    Ok(HttpResponse::Accepted().json(Accepted {
        message: "Check your email: we sent a link to confirm your address.".into(),
    }))
}
