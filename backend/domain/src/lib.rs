//! Kindred's domain: pure types and rules with no I/O.
//!
//! Everything that decides whether input is acceptable or how a value is computed lives here,
//! so that the HTTP layer cannot forget a check and the rules can be unit- and property-tested
//! without a database or a server.

pub mod account;
pub mod audit;
pub mod csv_cell;
pub mod email;
pub mod error;
pub mod handle;
pub mod measurement;
pub mod password;
pub mod questionnaire;

pub use email::Email;
pub use error::{FieldError, FieldErrors};
pub use handle::Handle;
pub use password::Password;
