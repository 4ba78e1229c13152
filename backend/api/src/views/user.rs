//! An account as its owner sees it.

use chrono::{DateTime, Utc};
use kindred_db::models::user::User;
use kindred_domain::account::{Role, Sex, Visibility};
use serde::Serialize;
use utoipa::ToSchema;

/// An account, as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    /// Account id.
    pub id: String,
    /// Email address (private).
    pub email: Option<String>,
    /// Public pseudonymous handle.
    pub handle: String,
    /// Platform role.
    pub role: Role,
    /// Whether the email address is confirmed. Unconfirmed members can sign in but cannot
    /// post, answer studies or be included in research exports.
    pub email_verified: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Profile settings.
    pub profile: ProfileResponse,
}

/// Profile fields. Birth year, sex and country are used only in aggregate or de-identified form.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileResponse {
    /// Who can see the profile.
    pub visibility: Visibility,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Sex.
    pub sex: Option<Sex>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Whether to receive notification emails.
    pub notify_email: bool,
    /// IANA time zone name.
    pub time_zone: Option<String>,
    /// Whether the member has said who may see the profile (`PATCH /me` with `visibility`);
    /// until then the web app asks, once per account.
    pub visibility_chosen: bool,
}

impl TryFrom<&User> for UserResponse {
    type Error = kindred_db::DbError;

    fn try_from(u: &User) -> Result<Self, Self::Error> {
        Ok(UserResponse {
            id: u.id.clone(),
            email: u.email.clone(),
            handle: u.handle.clone(),
            role: u.role()?,
            email_verified: u.email_verified_at.is_some(),
            created_at: u.created_at.and_utc(),
            profile: ProfileResponse {
                visibility: u.visibility()?,
                birth_year: u.birth_year,
                sex: u.sex.as_deref().and_then(Sex::parse),
                country: u.country.clone(),
                notify_email: u.notify_email,
                time_zone: u.time_zone.clone(),
                visibility_chosen: u.visibility_chosen_at.is_some(),
            },
        })
    }
}
