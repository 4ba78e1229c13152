//! `kindred admin create`: the only way an administrator account comes to exist.

use anyhow::bail;
use kindred_app::accounts::{self, Created, NewAccount};
use kindred_app::AppError;
use kindred_db::queries::audit;
use kindred_db::DbPool;
use kindred_domain::account::Role;
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
    let hash = kindred_app::passwords::hash_blocking(password.expose())?;
    let created = pool.run(|c| {
        kindred_db::write_tx(c, |c| {
            let now = kindred_db::now_utc();
            let id = kindred_db::new_id();
            let account = NewAccount {
                id: &id,
                email: &email,
                handle: &handle,
                password_hash: &hash,
                role: Role::Admin,
                terms_version: None,
                verified_at: Some(now),
                created_at: now,
            };
            let created = accounts::create(c, &account)?;
            if let Created::New(id) = &created {
                audit::record(
                    c,
                    &audit::NewAuditEvent::new(Action::AdminCreated, None).subject("user", id),
                )?;
            }
            Ok::<_, AppError>(created)
        })
    });
    match created {
        Ok(Created::New(id)) => Ok(id),
        Ok(Created::EmailTaken) => bail!("an account with email {email} already exists"),
        Err(AppError::Validation(_)) => bail!("the handle {} is taken", handle.as_str()),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}
