//! Who is calling from where: the client IP (for rate limits and the session list) and the
//! user agent.

use std::convert::Infallible;
use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::AppState;

/// The caller's IP and user agent.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    /// The client IP, always a parsed IP address: the peer address, or — when the server is
    /// configured to trust `trusted_proxies` proxies in front of it — the `X-Forwarded-For`
    /// entry that many hops from the right (the address our own outermost proxy saw).
    pub ip: String,
    /// The `User-Agent` header, truncated.
    pub user_agent: Option<String>,
}

impl ClientInfo {
    /// The same, as the sign-in use cases take it.
    pub fn signin(&self) -> kindred_app::accounts::signin::Client {
        kindred_app::accounts::signin::Client {
            ip: self.ip.clone(),
            user_agent: self.user_agent.clone(),
        }
    }
}

/// The client address behind `trusted_proxies` proxies, from the peer address and the
/// `X-Forwarded-For` values (in header order). Each trusted proxy appends the address it saw,
/// so the entry `trusted_proxies` from the right is the one our outermost proxy saw; anything
/// to its left was written by the client and is ignored. An entry that is not an IP address
/// (or a header with too few entries) falls back to the peer address. The `Forwarded` header
/// is never read.
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: &[&str], trusted_proxies: usize) -> String {
    let peer_ip = peer.map(|p| p.to_string()).unwrap_or_else(|| "unknown".into());
    if trusted_proxies == 0 {
        return peer_ip;
    }
    let entries: Vec<&str> =
        forwarded_for.iter().flat_map(|v| v.split(',')).map(str::trim).collect();
    if entries.len() < trusted_proxies {
        return peer_ip;
    }
    let candidate = entries[entries.len() - trusted_proxies];
    parse_ip(candidate).map(|ip| ip.to_string()).unwrap_or(peer_ip)
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    if s.len() > 64 {
        return None;
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    // `[v6]:port` or `v4:port`, as some proxies write them.
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    s.rsplit_once(':').and_then(|(ip, port)| {
        port.parse::<u16>().ok().and_then(|_| ip.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4))
    })
}

impl FromRequest for ClientInfo {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trusted =
            req.app_data::<web::Data<AppState>>().map(|s| s.config.trusted_proxies).unwrap_or(0);
        let headers: Vec<&str> =
            req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect();
        let ip = client_ip(req.peer_addr().map(|a| a.ip()), &headers, trusted);
        let user_agent = req
            .headers()
            .get(actix_web::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().filter(|c| !c.is_control()).take(200).collect());
        ready(Ok(ClientInfo { ip, user_agent }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer() -> Option<IpAddr> {
        "127.0.0.1".parse().ok()
    }

    #[test]
    fn takes_the_entry_our_proxy_wrote() {
        assert_eq!(client_ip(peer(), &["10.1.0.1, 203.0.113.9"], 1), "203.0.113.9");
        assert_eq!(client_ip(peer(), &["10.1.0.1", "203.0.113.9"], 1), "203.0.113.9");
        assert_eq!(client_ip(peer(), &["10.1.0.1, 203.0.113.9, 10.0.0.2"], 2), "203.0.113.9");
        assert_eq!(client_ip(peer(), &["203.0.113.9"], 0), "127.0.0.1");
    }

    #[test]
    fn anything_but_an_ip_falls_back_to_the_peer() {
        assert_eq!(client_ip(peer(), &["not-an-ip <script>"], 1), "127.0.0.1");
        assert_eq!(client_ip(peer(), &[], 1), "127.0.0.1");
        assert_eq!(client_ip(peer(), &["1.2.3.4"], 2), "127.0.0.1");
        assert_eq!(client_ip(peer(), &[&"9".repeat(3000)], 1), "127.0.0.1");
        assert_eq!(client_ip(peer(), &["[2001:db8::1]:443"], 1), "2001:db8::1");
        assert_eq!(client_ip(peer(), &["192.0.2.7:1234"], 1), "192.0.2.7");
    }
}
