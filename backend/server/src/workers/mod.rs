//! Background workers started with the server.

pub mod exports;
pub mod jobs;
pub mod mail_sender;
