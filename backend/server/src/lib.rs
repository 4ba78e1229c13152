//! The Kindred server: settings, start-up, background workers and the command line.
//!
//! `main` parses the command line and calls into here; tests call [`startup::Application`]
//! directly to run a real server on a random port.

pub mod admin;
pub mod backup;
pub mod cli;
pub mod demo;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod workers;

pub use settings::Settings;
pub use startup::Application;
