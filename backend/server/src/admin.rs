//! `kindred admin create`: the only way an administrator account comes to exist.

use anyhow::bail;
use kindred_db::models::user::NewUser;
use kindred_db::queries::{audit, users};
use kindred_db::{DbError, DbPool};
use kindred_domain::audit::Action;
use kindred_domain::{Email, FieldErrors, Handle, Password};

/// Creates a verified admin account; returns its id.
pub fn create_admin(
    pool: &DbPool,
    email: &str,
    handle: &str,
    password: &str,
) -> anyhow::Result<String> {
    let mut errs = FieldErrors::new();
    let email = errs.check(Email::parse(email));
    let handle = errs.check(Handle::parse_any(handle));
    let password = errs.check(Password::parse(
        password,
        "password",
        &[email.as_ref().map(Email::as_str).unwrap_or("")],
    ));
    let (Some(email), Some(handle), Some(password)) = (email, handle, password) else {
        bail!("{errs}");
    };
    let hash = kindred_api::auth::passwords::hash_blocking(password.expose())?;
    let id = kindred_db::new_id();
    let now = kindred_db::now_utc().naive_utc();
    let result = pool.run(|c| {
        kindred_db::write_tx(c, |c| {
            users::insert(
                c,
                &NewUser {
                    id: &id,
                    email: email.as_str(),
                    handle: handle.as_str(),
                    handle_lower: &handle.key(),
                    password_hash: &hash,
                    role: kindred_domain::account::Role::Admin.as_str(),
                    email_verified_at: Some(now),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AdminCreated, None).subject("user", &id),
            )?;
            Ok::<_, DbError>(())
        })
    });
    match result {
        Ok(()) => Ok(id),
        Err(DbError::UniqueViolation { constraint }) if constraint.contains("email") => {
            bail!("an account with email {email} already exists")
        }
        Err(DbError::UniqueViolation { .. }) => bail!("the handle {} is taken", handle.as_str()),
        Err(e) => Err(e.into()),
    }
}
