//! Condition communities (DESIGN §6.2, §6.3): the communities themselves and who belongs to
//! them ([`self`]), threads and posts ([`posts`]), reports, moderator actions, the moderation
//! log and appeals ([`moderation`]), notifications ([`notifications`]) and search
//! ([`search`]). Every use case takes a proof from [`crate::authz`]: a [`Reader`] for what may
//! be read, a [`crate::authz::Poster`] to write, a [`crate::authz::Moderator`] to moderate,
//! an [`Admin`] to run the catalog.

pub mod moderation;
pub mod notifications;
pub mod posts;
pub mod search;

use kindred_db::models::condition::Condition;
use kindred_db::models::forum::{Community, Membership, Moderator as ModeratorRow};
use kindred_db::queries::{audit, conditions, forum, users};
use kindred_db::DbConn;
use kindred_domain::audit::Action;
use kindred_domain::forum::CommunityVisibility;

use crate::authz::{Actor, Admin, Reader};
use crate::AppError;

/// A community as listed: with its condition, its member and thread counts and whether the
/// actor belongs.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The community.
    pub community: Community,
    /// The condition it is about, if any.
    pub condition: Option<Condition>,
    /// Members.
    pub members: i64,
    /// Published threads.
    pub threads: i64,
    /// Whether the actor is a member.
    pub joined: bool,
    /// Whether the actor moderates it.
    pub moderates: bool,
}

/// Every community that is not archived (members-only ones are listed too: their name and
/// purpose are public, their content is not), with counts.
pub fn list(c: &mut DbConn, actor: &Actor) -> Result<Vec<Listed>, AppError> {
    let all = forum::list_communities(c, false)?;
    let counts = forum::community_counts(c)?;
    let mine = forum::membership_ids(c, &actor.id)?;
    let moderated: Vec<String> =
        forum::moderated_by(c, &actor.id)?.into_iter().map(|m| m.id).collect();
    let admin = actor.role == kindred_domain::account::Role::Admin;
    let catalog = conditions::list(c)?;
    Ok(all
        .into_iter()
        .map(|community| {
            let (members, threads) = counts.get(&community.id).copied().unwrap_or((0, 0));
            let condition =
                catalog.iter().find(|k| Some(&k.id) == community.condition_id.as_ref()).cloned();
            Listed {
                condition,
                joined: mine.contains(&community.id),
                moderates: admin || moderated.contains(&community.id),
                members,
                threads,
                community,
            }
        })
        .collect())
}

/// One community, as the reader may see it.
pub fn get(c: &mut DbConn, reader: &Reader) -> Result<Listed, AppError> {
    let counts = forum::community_counts(c)?;
    let (members, threads) = counts.get(&reader.community().id).copied().unwrap_or((0, 0));
    Ok(Listed {
        condition: forum::condition_of(c, reader.community())?,
        community: reader.community().clone(),
        members,
        threads,
        joined: reader.is_member(),
        moderates: reader.moderates(),
    })
}

/// One community's card for someone who may not read it: members-only communities are
/// still listed, so `GET /communities/{slug}` shows their card to anyone signed in, never
/// their content.
pub fn card(c: &mut DbConn, actor: &Actor, slug: &str) -> Result<Listed, AppError> {
    match crate::authz::require_reader(c, actor, slug) {
        Ok(reader) => get(c, &reader),
        Err(AppError::NotFound) => {
            let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
            if community.archived_at.is_some() {
                return Err(AppError::NotFound);
            }
            let counts = forum::community_counts(c)?;
            let (members, threads) = counts.get(&community.id).copied().unwrap_or((0, 0));
            let condition = forum::condition_of(c, &community)?;
            Ok(Listed { community, condition, members, threads, joined: false, moderates: false })
        }
        Err(e) => Err(e),
    }
}

/// The communities (not archived) the actor belongs to, and those they moderate, with counts.
pub fn mine(c: &mut DbConn, actor: &Actor) -> Result<(Vec<Listed>, Vec<Listed>), AppError> {
    let all = list(c, actor)?;
    let member = all.iter().filter(|l| l.joined).cloned().collect();
    let moderated: Vec<String> =
        forum::moderated_by(c, &actor.id)?.into_iter().map(|m| m.id).collect();
    let moderator = all.into_iter().filter(|l| moderated.contains(&l.community.id)).collect();
    Ok((member, moderator))
}

fn listed(c: &mut DbConn, community: Community, actor_id: &str) -> Result<Listed, AppError> {
    let counts = forum::community_counts(c)?;
    let (members, threads) = counts.get(&community.id).copied().unwrap_or((0, 0));
    Ok(Listed {
        joined: forum::is_member(c, &community.id, actor_id)?,
        condition: forum::condition_of(c, &community)?,
        moderates: true,
        members,
        threads,
        community,
    })
}

/// A community's settings, parsed.
#[derive(Debug, Clone)]
pub struct Settings {
    /// URL name (only on creation).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The condition it is about (on creation, [`ConditionChange::Keep`] means none).
    pub condition: ConditionChange,
    /// Who reads it.
    pub visibility: CommunityVisibility,
    /// First posts of new members wait for approval.
    pub approve_first_posts: bool,
}

/// What saving a community's settings does to the condition it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionChange {
    /// Leave it as it is (a settings form that does not send the field must not clear it).
    Keep,
    /// It is about no particular condition.
    Clear,
    /// It is about the condition with this catalog slug.
    Set(String),
}

impl ConditionChange {
    /// The condition id after the change, given the current one; an unknown slug is a 422
    /// on `condition`.
    fn apply(&self, c: &mut DbConn, current: Option<String>) -> Result<Option<String>, AppError> {
        match self {
            ConditionChange::Keep => Ok(current),
            ConditionChange::Clear => Ok(None),
            ConditionChange::Set(slug) => condition_id(c, Some(slug)),
        }
    }
}

fn condition_id(c: &mut DbConn, slug: Option<&str>) -> Result<Option<String>, AppError> {
    match slug {
        None => Ok(None),
        Some(s) => {
            let cond = kindred_db::queries::conditions::find_by_slug(c, s)?.ok_or_else(|| {
                kindred_domain::FieldError::new(
                    "condition",
                    "unknown_condition",
                    "Choose a condition from the list.",
                )
            })?;
            Ok(Some(cond.id))
        }
    }
}

/// Creates a community (admins), audited.
pub fn create(c: &mut DbConn, admin: &Admin, s: &Settings) -> Result<Listed, AppError> {
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc().naive_utc();
        let community = Community {
            id: kindred_db::new_id(),
            slug: s.slug.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            condition_id: s.condition.apply(c, None)?,
            visibility: s.visibility.as_str().into(),
            approve_first_posts: s.approve_first_posts,
            archived_at: None,
            created_at: now,
            updated_at: now,
        };
        forum::insert_community(c, &community)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminCommunityCreated, Some(admin.id()))
                .subject("community", &community.id),
        )?;
        listed(c, community, admin.id())
    })
}

/// Changes a community's settings (its condition as `s.condition` says), or archives /
/// restores it (admins), audited.
pub fn update(
    c: &mut DbConn,
    admin: &Admin,
    slug: &str,
    s: &Settings,
    archived: Option<bool>,
) -> Result<Listed, AppError> {
    kindred_db::write_tx(c, |c| {
        let mut community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
        let now = kindred_db::now_utc().naive_utc();
        community.name = s.name.clone();
        community.description = s.description.clone();
        community.condition_id = s.condition.apply(c, community.condition_id.take())?;
        community.visibility = s.visibility.as_str().into();
        community.approve_first_posts = s.approve_first_posts;
        if let Some(a) = archived {
            community.archived_at = if a { community.archived_at.or(Some(now)) } else { None };
        }
        community.updated_at = now;
        forum::save_community(c, &community)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminCommunityUpdated, Some(admin.id()))
                .subject("community", &community.id),
        )?;
        listed(c, community, admin.id())
    })
}

/// Joins a community the actor can see (joining twice is fine; an archived community takes
/// no new members). Joining a community whose condition the member has not listed is
/// allowed.
pub fn join(c: &mut DbConn, actor: &Actor, slug: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        // Members-only communities are listed, so anyone signed in may join them.
        let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
        if community.archived_at.is_some() {
            return Err(AppError::Conflict {
                code: "archived",
                detail: "This community is archived and takes no new members.".into(),
            });
        }
        if forum::is_member(c, &community.id, &actor.id)? {
            return Ok(());
        }
        forum::join(
            c,
            &Membership {
                id: kindred_db::new_id(),
                community_id: community.id.clone(),
                user_id: actor.id.clone(),
                joined_at: kindred_db::now_utc().naive_utc(),
            },
        )?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityJoined, Some(&actor.id))
                .subject("community", &community.id),
        )?;
        Ok(())
    })
}

/// Leaves a community; not a member → not found.
pub fn leave(c: &mut DbConn, actor: &Actor, slug: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
        if !forum::leave(c, &community.id, &actor.id)? {
            return Err(AppError::NotFound);
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::CommunityLeft, Some(&actor.id))
                .subject("community", &community.id),
        )?;
        Ok(())
    })
}

/// A community's moderators: (user id, handle).
pub fn moderators(c: &mut DbConn, reader: &Reader) -> Result<Vec<(String, String)>, AppError> {
    Ok(forum::moderators_of(c, &reader.community().id)?)
}

/// Appoints a moderator by handle (admins); appointing twice is fine, audited once.
pub fn appoint(c: &mut DbConn, admin: &Admin, slug: &str, handle: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
        let user = member_by_handle(c, handle)?;
        if forum::is_moderator(c, &community.id, &user.id)? {
            return Ok(());
        }
        forum::add_moderator(
            c,
            &ModeratorRow {
                id: kindred_db::new_id(),
                community_id: community.id.clone(),
                user_id: user.id.clone(),
                appointed_by: Some(admin.id().to_string()),
                created_at: kindred_db::now_utc().naive_utc(),
            },
        )?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminModeratorAppointed, Some(admin.id()))
                .subject("user", &user.id)
                .details(serde_json::json!({ "community": community.slug })),
        )?;
        Ok(())
    })
}

/// Removes a moderator (admins); not a moderator there → not found.
pub fn dismiss(c: &mut DbConn, admin: &Admin, slug: &str, handle: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let community = forum::find_community(c, slug)?.ok_or(AppError::NotFound)?;
        // The handle names the resource here: unknown is not found, like "not a moderator".
        let user = member_by_handle(c, handle).map_err(|_| AppError::NotFound)?;
        if !forum::remove_moderator(c, &community.id, &user.id)? {
            return Err(AppError::NotFound);
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminModeratorRemoved, Some(admin.id()))
                .subject("user", &user.id)
                .details(serde_json::json!({ "community": community.slug })),
        )?;
        Ok(())
    })
}

/// An active account by handle, or 422 on `handle`.
pub fn member_by_handle(
    c: &mut DbConn,
    handle: &str,
) -> Result<kindred_db::models::user::User, AppError> {
    let key = kindred_domain::Handle::parse_any(handle).map(|h| h.key()).map_err(AppError::from)?;
    let user = users::find_by_handle_key(c, &key)?
        .filter(|u| u.status().ok() == Some(kindred_domain::account::AccountStatus::Active))
        .ok_or_else(|| {
            kindred_domain::FieldError::new(
                "handle",
                "unknown_member",
                "No member has this handle.",
            )
        })?;
    Ok(user)
}
