//! Authentication machinery: access tokens, password hashing, opaque tokens, the
//! authenticated-user extractor and rate limits.

pub mod client;
pub mod extractor;
pub mod jwt;
pub mod rate_limit;
pub mod session;
pub mod throttle;

pub use client::ClientInfo;
pub use extractor::{AdminJson, AdminUser, AuthUser, Bearer};
