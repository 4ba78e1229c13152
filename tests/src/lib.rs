//! The black-box test harness: a real server on a random port, over a fresh database.
//!
//! `KINDRED_TEST_BACKEND=sqlite` (default) gives each test a temp-file SQLite database;
//! `KINDRED_TEST_BACKEND=postgres` (with `KINDRED_TEST_POSTGRES_URL`) gives each test a fresh
//! PostgreSQL database cloned from a migrated template and dropped afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod actors;
pub mod bench;
pub mod db;
pub mod http;
pub mod mail;
pub mod process;

pub use actors::Actor;
pub use db::TestDb;
pub use http::{spawn_app, spawn_app_with, TestApp};
pub use mail::RecordingMailer;
