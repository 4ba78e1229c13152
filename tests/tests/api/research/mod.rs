//! Research (issue 15): researcher verification and studies.

mod applications;
mod studies;
