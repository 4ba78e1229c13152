//! Background workers started with the server.

pub mod jobs;
pub mod mail_sender;
