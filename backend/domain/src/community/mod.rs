//! Community posts (DESIGN §6.2, §6.3): the checks run on a post before and as it is published.
//!
//! [`privacy_check`] finds what could identify a person, so the author confirms before
//! publishing; [`crisis`] finds crisis or self-harm language, which files a self-harm-concern
//! report and shows the author crisis resources.

pub mod crisis;
pub mod privacy_check;
