//! Measurement types, units and validation (DESIGN §6.5).
