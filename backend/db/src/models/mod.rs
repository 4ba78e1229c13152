//! Row models: one file per table (row struct, insert form, update form).

pub mod audit_event;
