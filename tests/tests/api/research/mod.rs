//! Research (issue 15): researcher verification so far.

mod applications;
