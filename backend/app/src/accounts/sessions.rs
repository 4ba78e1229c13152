//! Sessions: rotating a refresh token, signing out, the owner's list of live sessions and
//! ending one of them.

use kindred_db::models::session::Session;
use kindred_db::models::user::User;
use kindred_db::queries::{audit, sessions, users};
use kindred_db::DbConn;
use kindred_domain::audit::Action;

use crate::authz::Owner;
use crate::{tokens, AppError};

/// The owner's live sessions.
pub fn list(c: &mut DbConn, owner: &Owner) -> Result<Vec<Session>, AppError> {
    Ok(sessions::list_live(c, owner.id(), kindred_db::now_utc())?)
}

/// Ends one of the owner's live sessions, audited; someone else's, or one already ended, is
/// not found.
pub fn revoke(c: &mut DbConn, owner: &Owner, id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let s = sessions::find(c, id)?
            .filter(|s| s.user_id == owner.id() && s.revoked_at.is_none())
            .ok_or(AppError::NotFound)?;
        sessions::revoke(c, &s.id, "revoked_by_user", kindred_db::now_utc())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthSessionRevoked, Some(owner.id()))
                .subject("session", &s.id),
        )?;
        Ok(())
    })
}

/// What presenting a refresh token did.
pub enum Refreshed {
    /// The token was live: a new one replaces it (raw, for the cookie) in this session.
    Rotated {
        /// The session's member.
        user: Box<User>,
        /// The session.
        session_id: String,
        /// The next refresh token.
        refresh: String,
    },
    /// The token was already exchanged: the whole session ended (either it or its successor
    /// is in someone else's hands).
    Replayed,
    /// No such token, or its session ended or expired.
    Invalid,
}

/// Exchanges a refresh token for its successor. A token works once.
pub fn refresh(c: &mut DbConn, token: &str) -> Result<Refreshed, AppError> {
    if token.is_empty() || token.len() > super::MAX_TOKEN_LEN {
        return Ok(Refreshed::Invalid);
    }
    let hash = tokens::hash(token);
    kindred_db::write_tx(c, |c| {
        let now = kindred_db::now_utc();
        let Some(rt) = sessions::find_refresh(c, &hash)? else { return Ok(Refreshed::Invalid) };
        if rt.used_at.is_some() || !sessions::use_refresh(c, &hash, now)? {
            if sessions::revoke(c, &rt.session_id, "refresh_reuse", now)? {
                let owner = sessions::find(c, &rt.session_id)?.map(|s| s.user_id);
                audit::record(
                    c,
                    &audit::NewAuditEvent::new(Action::AuthRefreshReuse, owner.as_deref())
                        .subject("session", &rt.session_id),
                )?;
            }
            return Ok(Refreshed::Replayed);
        }
        let Some((session, user)) = sessions::find_live(c, &rt.session_id, now)? else {
            return Ok(Refreshed::Invalid);
        };
        let next = tokens::generate();
        sessions::add_refresh(c, &session.id, &tokens::hash(&next), now)?;
        let user = users::find(c, &user.id)?.ok_or(AppError::NotFound)?;
        Ok(Refreshed::Rotated { user: Box::new(user), session_id: session.id, refresh: next })
    })
}

/// Ends the session the owner signed in with (its access and refresh tokens stop working).
pub fn sign_out(c: &mut DbConn, owner: &Owner, session_id: &str) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        sessions::revoke(c, session_id, "logout", kindred_db::now_utc())?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AuthLogout, Some(owner.id()))
                .subject("session", session_id),
        )?;
        Ok(())
    })
}
