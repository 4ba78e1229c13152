//! Kindred's domain: pure types and rules with no I/O.
//!
//! Everything that decides whether input is acceptable or how a value is computed lives here,
//! so that the HTTP layer cannot forget a check and the rules can be unit- and property-tested
//! without a database or a server.

/// An enum stored and sent as text: `as_str`, `parse`, `ALL`, serde in snake_case.
#[macro_export]
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored / wire form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored / wire form.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod account;
pub mod audit;
pub mod community;
pub mod consent;
pub mod csv_cell;
pub mod email;
pub mod error;
pub mod export;
pub mod fhir;
pub mod forum;
pub mod handle;
pub mod job;
pub mod measurement;
pub mod password;
pub mod questionnaire;
pub mod research;
pub mod study;
pub mod two_factor;

pub use email::Email;
pub use error::{FieldError, FieldErrors};
pub use handle::Handle;
pub use password::Password;
