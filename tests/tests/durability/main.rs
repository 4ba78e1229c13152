//! Durability tests against the real `kindred` binary run as a child process: killed with
//! SIGKILL and restarted under load (`crash`), backed up under load and restored (`backup`).
//! A binary of its own: these tests are slow and start processes; `api` stays in-process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backup;
mod crash;
mod writes;

/// The `kindred` binary under test (the server's `main`, built by this package).
pub const KINDRED: &str = env!("CARGO_BIN_EXE_kindred-under-test");
