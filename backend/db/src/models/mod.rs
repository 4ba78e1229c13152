//! Row models: one file per table (row struct, insert form, update form).
//!
//! Times are `NaiveDateTime` holding UTC (the one chrono type diesel maps `Timestamp` to on
//! both backends); callers convert with `.and_utc()`.

pub mod audit_event;
pub mod condition;
pub mod email_token;
pub mod export;
pub mod forum;
pub mod job;
pub mod measurement;
pub mod outbox;
pub mod questionnaire;
pub mod research;
pub mod session;
pub mod study;
pub mod user;
