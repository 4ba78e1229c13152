//! Response views shared by more than one area (an area's own DTOs live beside its handlers).
//! Areas import views, never each other.

mod auth;
mod condition;
mod user;

pub use auth::{Accepted, AuthResponse};
pub use condition::ConditionResponse;
pub use user::{ProfileResponse, UserResponse};
