//! Measurement types, units and validation (DESIGN §6.5).
//!
//! Types are data ([`MeasurementTypeDef`]) so admins can add more; the seeded catalog is
//! [`seed_types`]. Input is checked by [`validate`], which converts accepted units to the
//! canonical UCUM unit, rounds to the type's stored precision and checks plausible ranges.

pub mod apple_health;
mod catalog;
mod csv_import;
mod target;
mod units;
mod unusual;
mod validate;

pub use catalog::{seed_types, validate_type_def, ComponentDef, MeasurementTypeDef};
pub use csv_import::{local_time_in, parse_csv, validate_rows, CsvRow, LineError, MAX_CSV_ROWS};
pub use target::{parse_target, Bounds, Target};
pub use units::{canonical_unit_code, convert, round_to, unit_label, with_unit};
pub use unusual::{unusual, unusual_factor, Unusual, LOOKBACK_DAYS, RECENT_READINGS};
pub use validate::{
    find_type, parse_time, takes_context, validate, Bucket, MeasurementInput, ReadingContext,
    Source, ValidMeasurement,
};

#[cfg(test)]
mod tests;
