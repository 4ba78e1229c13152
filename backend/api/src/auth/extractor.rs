//! `AuthUser`: a request with a valid access token whose session is still live.

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use kindred_domain::account::Role;

use crate::{ApiError, AppState};

/// The authenticated caller. Extracting it checks the token *and* that the session is live and
/// the account active, so logout, password change, suspension and erasure take effect on the
/// very next request.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// User id.
    pub id: String,
    /// Session id.
    pub session_id: String,
    /// Platform role.
    pub role: Role,
    /// Handle.
    pub handle: String,
    /// Whether the email is verified (unverified members cannot post, consent or be exported).
    pub email_verified: bool,
}

impl AuthUser {
    /// The caller as the use cases know them.
    pub fn actor(&self) -> kindred_app::Actor {
        kindred_app::Actor {
            id: self.id.clone(),
            role: self.role,
            session_id: self.session_id.clone(),
            email_verified: self.email_verified,
        }
    }

    /// Proof that the caller acts on their own data.
    pub fn owner(&self) -> kindred_app::authz::Owner {
        kindred_app::authz::owner(&self.actor())
    }

    /// 403 unless the email is verified.
    pub fn require_verified(&self) -> Result<(), ApiError> {
        if self.email_verified {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                code: "email_not_verified",
                detail: "Verify your email address first: follow the link we sent you.".into(),
            })
        }
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let h = req.headers().get(actix_web::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = h.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// A request whose access token has a valid signature and claims, but whose session has not
/// been checked yet. Hot paths take this and call [`Bearer::live`] inside their own unit of
/// work, saving a separate trip to the database; everything else takes [`AuthUser`].
#[derive(Debug, Clone)]
pub struct Bearer {
    user_id: String,
    session_id: String,
}

impl Bearer {
    /// Checks that the session is live and the account active; the authenticated caller.
    pub fn live(&self, c: &mut kindred_db::DbConn) -> Result<AuthUser, ApiError> {
        let now = kindred_db::now_utc();
        let found = kindred_db::queries::sessions::find_live(c, &self.session_id, now)?;
        let (session, user) = found
            .filter(|(_, u)| u.id == self.user_id)
            .ok_or_else(|| ApiError::unauthorized("Your session has ended. Sign in again."))?;
        let role = user.role()?;
        Ok(AuthUser {
            id: user.id,
            session_id: session.id,
            role,
            handle: user.handle,
            email_verified: user.email_verified_at.is_some(),
        })
    }

    fn parse(req: &HttpRequest) -> Result<Bearer, ApiError> {
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no state")))?;
        let token = bearer(req).ok_or_else(|| ApiError::unauthorized("Sign in to continue."))?;
        let claims = state
            .jwt
            .verify(&token)
            .ok_or_else(|| ApiError::unauthorized("Your sign-in is invalid or has expired."))?;
        Ok(Bearer { user_id: claims.sub, session_id: claims.sid })
    }
}

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Bearer::parse(req))
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let parsed = Bearer::parse(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no state")))?;
            let bearer = parsed?;
            state.db(move |c| bearer.live(c)).await
        })
    }
}

/// An authenticated admin; anyone else gets 403. Carries the [`kindred_app::authz::Admin`]
/// proof that admin-only use cases take.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser, kindred_app::authz::Admin);

impl AdminUser {
    /// The proof that the caller is an administrator.
    pub fn proof(&self) -> &kindred_app::authz::Admin {
        &self.1
    }
}

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let fut = AuthUser::from_request(req, payload);
        Box::pin(async move {
            let user = fut.await?;
            let proof = kindred_app::authz::require_admin(&user.actor())?;
            Ok(AdminUser(user, proof))
        })
    }
}

/// An authenticated admin and a JSON body, checked in that order: anyone else gets 403
/// whatever the body holds (authorization before validation, so a body cannot probe a route
/// the caller may not use).
#[derive(Debug)]
pub struct AdminJson<T>(pub AdminUser, pub T);

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for AdminJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let admin = AdminUser::from_request(req, payload);
        // Built now, but it reads and checks nothing until awaited below.
        let body = crate::Json::<T>::from_request(req, payload);
        Box::pin(async move {
            let admin = admin.await?;
            Ok(AdminJson(admin, body.await?.into_inner()))
        })
    }
}
