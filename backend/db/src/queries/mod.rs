//! Queries, one module per area.

pub mod audit;
pub mod auth_failures;
pub mod conditions;
pub mod consents;
pub mod email_tokens;
pub mod exports;
pub mod forum;
pub mod forum_search;
pub mod health;
pub mod jobs;
pub mod measurements;
pub mod moderation;
pub mod outbox;
pub mod privacy;
pub mod questionnaires;
pub mod research;
pub mod sessions;
pub mod studies;
pub mod users;
