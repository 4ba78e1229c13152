//! Scoped authorization. A check returns a *proof* value that the use case takes as an
//! argument, so the compiler refuses a use case called without its check (parse, don't
//! validate, applied to permissions). Platform roles are checked here without the database;
//! scoped checks (reader, poster and moderator of a community; researcher of a study) read
//! it and follow one rule: 404 where the caller may not see the resource, 403 where they may
//! see it but not act.

use kindred_db::models::forum::Community;
use kindred_db::queries::{forum, moderation};
use kindred_db::DbConn;
use kindred_domain::account::Role;
use kindred_domain::forum::CommunityVisibility;

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

/// Proof that the actor may read a community: it exists, and it is public-read, or the
/// actor belongs to it, moderates it or is an admin. Anyone else is told it does not exist.
#[derive(Debug, Clone)]
pub struct Reader {
    community: Community,
    user_id: String,
    member: bool,
    moderates: bool,
    admin: bool,
    verified: bool,
}

impl Reader {
    /// The community.
    pub fn community(&self) -> &Community {
        &self.community
    }
    /// The reader's user id.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
    /// Whether the reader belongs to the community.
    pub fn is_member(&self) -> bool {
        self.member
    }
    /// Whether the reader moderates the community (admins moderate every community).
    pub fn moderates(&self) -> bool {
        self.moderates
    }
    /// Whether the reader is an admin.
    pub fn is_admin(&self) -> bool {
        self.admin
    }
}

/// The community `slug` as the actor may read it, or not found.
pub fn require_reader(c: &mut DbConn, actor: &Actor, slug: &str) -> Result<Reader, AppError> {
    let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
    reader_of(c, actor, community)
}

/// The community (already loaded, e.g. through a thread) as the actor may read it.
pub fn reader_of(c: &mut DbConn, actor: &Actor, community: Community) -> Result<Reader, AppError> {
    let admin = actor.role == Role::Admin;
    let member = forum::is_member(c, &community.id, &actor.id)?;
    let moderates = admin || forum::is_moderator(c, &community.id, &actor.id)?;
    let public = community.visibility()? == CommunityVisibility::Public;
    if !(public || member || moderates) {
        return Err(AppError::NotFound);
    }
    Ok(Reader {
        community,
        user_id: actor.id.clone(),
        member,
        moderates,
        admin,
        verified: actor.email_verified,
    })
}

/// Proof that the actor may write in a community: a reader with a confirmed address who
/// belongs to it (or moderates it), is not banned from it, in a community not archived.
#[derive(Debug, Clone)]
pub struct Poster {
    reader: Reader,
}

impl Poster {
    /// What the poster may read.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }
}

/// The reader as someone who may post: 403 `email_not_verified`, 403 `not_a_member`, 403
/// `banned` (with the reason and the end of the ban), 409 `archived`.
pub fn require_poster(c: &mut DbConn, reader: Reader) -> Result<Poster, AppError> {
    if !reader.verified {
        return Err(AppError::Forbidden {
            code: "email_not_verified",
            detail: "Verify your email address first: follow the link we sent you.".into(),
        });
    }
    if reader.community.archived_at.is_some() {
        return Err(AppError::Conflict {
            code: "archived",
            detail: "This community is archived: it can be read but not written in.".into(),
        });
    }
    if !(reader.member || reader.moderates) {
        return Err(AppError::Forbidden {
            code: "not_a_member",
            detail: "Join the community to post in it.".into(),
        });
    }
    if !reader.moderates {
        let now = kindred_db::now_utc().naive_utc();
        if let Some(ban) = moderation::active_ban(c, &reader.community.id, &reader.user_id, now)? {
            return Err(AppError::Banned {
                reason: ban.reason,
                expires_at: ban.expires_at.map(|t| t.and_utc()),
            });
        }
    }
    Ok(Poster { reader })
}

/// Proof that the actor moderates a community (its appointed moderators and admins).
#[derive(Debug, Clone)]
pub struct Moderator {
    reader: Reader,
}

impl Moderator {
    /// The community and the moderator.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }
    /// The moderator's user id.
    pub fn id(&self) -> &str {
        &self.reader.user_id
    }
}

/// The reader as a moderator of the community, or 403 `moderators_only` (they can see the
/// community, so it is not hidden from them).
pub fn require_moderator(reader: Reader) -> Result<Moderator, AppError> {
    if reader.moderates {
        Ok(Moderator { reader })
    } else {
        Err(AppError::Forbidden {
            code: "moderators_only",
            detail: "Only this community's moderators can do this.".into(),
        })
    }
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
