//! Research (DESIGN §6.6). Researcher verification so far ([`applications`]); studies,
//! consent and exports come next (issue 15).

pub mod applications;
pub mod consent;
pub mod studies;
