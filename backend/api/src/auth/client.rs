//! Who is calling from where: the client IP (for rate limits and the session list) and the
//! user agent.

use std::convert::Infallible;
use std::future::{ready, Ready};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::AppState;

/// The caller's IP and user agent.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    /// The client IP: the peer address, or the first `X-Forwarded-For` hop when the server is
    /// configured to trust its proxy.
    pub ip: String,
    /// The `User-Agent` header, truncated.
    pub user_agent: Option<String>,
}

impl FromRequest for ClientInfo {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.config.trust_forwarded);
        let ip = if trust {
            req.connection_info().realip_remote_addr().map(str::to_string)
        } else {
            req.peer_addr().map(|a| a.ip().to_string())
        }
        .unwrap_or_else(|| "unknown".into());
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(200).collect());
        ready(Ok(ClientInfo { ip, user_agent }))
    }
}
