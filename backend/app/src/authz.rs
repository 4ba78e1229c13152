//! Scoped authorization. A check returns a *proof* value that the use case takes as an
//! argument, so the compiler refuses a use case called without its check (parse, don't
//! validate, applied to permissions). Platform roles are checked here without the database;
//! scoped checks (moderator of a community, researcher of a study) will read it and follow
//! the same rule: 404 where the caller may not see the resource, 403 where they may see it
//! but not act.

use kindred_domain::account::Role;

use crate::AppError;

/// Who is acting: an authenticated member whose session was found live.
#[derive(Debug, Clone)]
pub struct Actor {
    /// User id.
    pub id: String,
    /// Platform role.
    pub role: Role,
    /// The session the request came with.
    pub session_id: String,
    /// Whether the email address is confirmed.
    pub email_verified: bool,
}

/// Proof that the actor is an administrator.
#[derive(Debug, Clone)]
pub struct Admin {
    id: String,
}

impl Admin {
    /// The administrator's user id (for audit rows).
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Proof that the actor acts on their own data (every `/me/...` use case takes one): the
/// owner's id, from the session, never from the request.
#[derive(Debug, Clone)]
pub struct Owner {
    id: String,
}

impl Owner {
    /// The owner's user id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The actor as an administrator, or 403 `admin_only`.
pub fn require_admin(actor: &Actor) -> Result<Admin, AppError> {
    if actor.role == Role::Admin {
        Ok(Admin { id: actor.id.clone() })
    } else {
        Err(AppError::Forbidden {
            code: "admin_only",
            detail: "Only administrators can do this.".into(),
        })
    }
}

/// The actor as the owner of their own data (always granted: the data is chosen by the
/// owner's id, so another member's rows are simply not found).
pub fn owner(actor: &Actor) -> Owner {
    Owner { id: actor.id.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor { id: "u1".into(), role, session_id: "s1".into(), email_verified: true }
    }

    #[test]
    fn only_admins_get_an_admin_proof() {
        assert_eq!(require_admin(&actor(Role::Admin)).map(|a| a.id).ok().as_deref(), Some("u1"));
        for role in [Role::Patient, Role::Researcher] {
            assert!(matches!(
                require_admin(&actor(role)),
                Err(AppError::Forbidden { code: "admin_only", .. })
            ));
        }
        assert_eq!(owner(&actor(Role::Patient)).id(), "u1");
    }
}
