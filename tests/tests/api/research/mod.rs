//! Research (issue 15): researcher verification, studies and consent.

mod applications;
mod consent;
mod studies;
