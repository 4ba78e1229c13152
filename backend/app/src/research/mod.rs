//! Research (DESIGN §6.6): researcher verification ([`applications`]), studies ([`studies`]),
//! consent ([`consent`]), and de-identified exports ([`exports`], written by
//! [`export_writer`]).

pub mod applications;
pub mod consent;
pub mod export_writer;
pub mod exports;
pub mod studies;
