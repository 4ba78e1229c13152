//! `users` rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::users;

/// An account.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    /// Id (UUIDv7).
    pub id: String,
    /// Normalised email; `None` once erased.
    pub email: Option<String>,
    /// Pseudonymous handle as chosen.
    pub handle: String,
    /// Lower-cased handle (unique).
    pub handle_lower: String,
    /// PHC-format argon2id hash; `None` once erased.
    pub password_hash: Option<String>,
    /// `patient` | `researcher` | `admin`.
    pub role: String,
    /// `active` | `suspended` | `deleted`.
    pub status: String,
    /// Why the account was suspended.
    pub status_reason: Option<String>,
    /// When the email was verified.
    pub email_verified_at: Option<NaiveDateTime>,
    /// `private` | `members` | `public`.
    pub visibility: String,
    /// Optional birth year.
    pub birth_year: Option<i32>,
    /// Optional sex.
    pub sex: Option<String>,
    /// Optional ISO country code.
    pub country: Option<String>,
    /// Whether the member wants notification emails.
    pub notify_email: bool,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Erased at.
    pub deleted_at: Option<NaiveDateTime>,
    /// IANA time zone (e.g. `Europe/Berlin`), if the member gave one.
    pub time_zone: Option<String>,
    /// The version of the terms the member accepted at sign-up.
    pub terms_version: Option<String>,
    /// When they accepted it.
    pub terms_accepted_at: Option<NaiveDateTime>,
    /// When the member last chose who may see their profile (`None`: never asked).
    pub visibility_chosen_at: Option<NaiveDateTime>,
}

/// A new account.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    /// Id.
    pub id: &'a str,
    /// Normalised email.
    pub email: &'a str,
    /// Handle.
    pub handle: &'a str,
    /// Lower-cased handle.
    pub handle_lower: &'a str,
    /// Password hash.
    pub password_hash: &'a str,
    /// Role.
    pub role: &'a str,
    /// Verified at (admins created from the CLI are verified).
    pub email_verified_at: Option<NaiveDateTime>,
    /// Who sees the profile: new accounts start `private` (only the member).
    pub visibility: &'a str,
    /// Notification emails: off until the member opts in.
    pub notify_email: bool,
    /// The version of the terms accepted at sign-up (none for accounts made otherwise).
    pub terms_version: Option<&'a str>,
    /// When they were accepted.
    pub terms_accepted_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
}

/// Profile changes (`None` = leave as is; `Some(None)` = clear).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    /// New handle.
    pub handle: Option<String>,
    /// New lower-cased handle.
    pub handle_lower: Option<String>,
    /// New visibility.
    pub visibility: Option<String>,
    /// New birth year.
    pub birth_year: Option<Option<i32>>,
    /// New sex.
    pub sex: Option<Option<String>>,
    /// New country.
    pub country: Option<Option<String>>,
    /// New notification choice.
    pub notify_email: Option<bool>,
    /// New time zone.
    pub time_zone: Option<Option<String>>,
    /// Set when the member chooses a visibility.
    pub visibility_chosen_at: Option<Option<NaiveDateTime>>,
    /// Always set.
    pub updated_at: Option<NaiveDateTime>,
}

impl User {
    /// The platform role.
    pub fn role(&self) -> Result<kindred_domain::account::Role, crate::DbError> {
        use kindred_domain::account::Role;
        crate::error::typed(Role::parse, "users", &self.id, "role", &self.role)
    }

    /// The account status.
    pub fn status(&self) -> Result<kindred_domain::account::AccountStatus, crate::DbError> {
        use kindred_domain::account::AccountStatus;
        crate::error::typed(AccountStatus::parse, "users", &self.id, "status", &self.status)
    }

    /// Who can see the profile.
    pub fn visibility(&self) -> Result<kindred_domain::account::Visibility, crate::DbError> {
        use kindred_domain::account::Visibility;
        crate::error::typed(Visibility::parse, "users", &self.id, "visibility", &self.visibility)
    }
}
