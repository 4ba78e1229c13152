//! Accounts and authentication (issue: accounts).

mod admin;
mod bad_input;
mod enumeration;
mod journey;
mod jwt;
mod limits;
mod privacy;
mod profile;
mod secrets;
mod smtp;
