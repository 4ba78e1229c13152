//! Kindred's use cases (DESIGN §2): one plain function per unit of work
//! (`app::<area>::<verb>(conn, &proof_or_actor, input)`), called by the HTTP handlers, the
//! command line, the demo seed and the workers alike. Authorization is scoped and checked by
//! [`authz`], whose proofs the use cases take as arguments, so a use case cannot be called
//! without its check. Errors are [`AppError`], in domain terms; the HTTP layer alone picks
//! statuses. No actix here.
//!
//! Areas move here one at a time (docs/decisions/0005-use-case-layer.md): measurements first.

pub mod accounts;
pub mod admin;
pub mod authz;
pub mod communities;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod measurements;
pub mod passwords;
pub mod questionnaires;
pub mod research;
pub mod tokens;

pub use authz::Actor;
pub use error::AppError;
