//! The audit log's hash chain: how a row's hash is computed from its content and the previous
//! row's hash. The database code stores and reads rows; this is the rule both writer and
//! verifier share.

use sha2::{Digest, Sha256};

crate::text_enum! {
    /// Everything the audit log records, by its stored name (`area.what_happened`).
    Action {
        /// A member added a condition to their list.
        AccountConditionAdded = "account.condition_added",
        /// A member removed a condition from their list.
        AccountConditionRemoved = "account.condition_removed",
        /// A member deleted one of their readings.
        AccountMeasurementDeleted = "account.measurement_deleted",
        /// A member erased their account.
        AccountDeleted = "account.deleted",
        /// A member downloaded everything held about them.
        AccountExported = "account.exported",
        /// A member changed their profile.
        AccountProfileUpdated = "account.profile_updated",
        /// An admin created a community.
        AdminCommunityCreated = "admin.community_created",
        /// An admin changed, archived or restored a community.
        AdminCommunityUpdated = "admin.community_updated",
        /// An admin appointed a community moderator.
        AdminModeratorAppointed = "admin.moderator_appointed",
        /// An admin removed a community moderator.
        AdminModeratorRemoved = "admin.moderator_removed",
        /// An admin added a condition to the catalog.
        AdminConditionCreated = "admin.condition_created",
        /// An admin changed what is suggested to track for a condition.
        AdminConditionSuggestionsUpdated = "admin.condition_suggestions_updated",
        /// An administrator was created from the command line.
        AdminCreated = "admin.created",
        /// An admin added a measurement type.
        AdminMeasurementTypeCreated = "admin.measurement_type_created",
        /// An admin created a questionnaire.
        AdminQuestionnaireCreated = "admin.questionnaire_created",
        /// An admin drafted a questionnaire version.
        AdminQuestionnaireVersionCreated = "admin.questionnaire_version_created",
        /// An admin edited a draft questionnaire version.
        AdminQuestionnaireVersionUpdated = "admin.questionnaire_version_updated",
        /// An admin published a questionnaire version.
        AdminQuestionnairePublished = "admin.questionnaire_published",
        /// An admin retired a questionnaire version.
        AdminQuestionnaireRetired = "admin.questionnaire_retired",
        /// An admin approved a researcher application (the member became a researcher).
        AdminResearcherApproved = "admin.researcher_approved",
        /// An admin rejected a researcher application.
        AdminResearcherRejected = "admin.researcher_rejected",
        /// An admin approved a study (details: the date mode).
        AdminStudyApproved = "admin.study_approved",
        /// An admin rejected a study, with a reason.
        AdminStudyRejected = "admin.study_rejected",
        /// An admin suspended an account.
        AdminUserSuspended = "admin.user_suspended",
        /// An admin lifted a suspension.
        AdminUserUnsuspended = "admin.user_unsuspended",
        /// A member confirmed their email address.
        AuthEmailVerified = "auth.email_verified",
        /// A sign-in with a wrong password.
        AuthLoginFailed = "auth.login_failed",
        /// A sign-in.
        AuthLoginSucceeded = "auth.login_succeeded",
        /// A sign-out.
        AuthLogout = "auth.logout",
        /// A member changed their password.
        AuthPasswordChanged = "auth.password_changed",
        /// A wrong current password before a sensitive action.
        AuthPasswordCheckFailed = "auth.password_check_failed",
        /// A password was reset through the emailed link.
        AuthPasswordReset = "auth.password_reset",
        /// Someone asked for a reset link.
        AuthPasswordResetRequested = "auth.password_reset_requested",
        /// A used refresh token came back: the session was ended.
        AuthRefreshReuse = "auth.refresh_reuse",
        /// Someone tried to register an address that has an account.
        AuthRegisterExistingEmail = "auth.register_existing_email",
        /// A new account.
        AuthRegistered = "auth.registered",
        /// A member ended one of their sessions.
        AuthSessionRevoked = "auth.session_revoked",
        /// A session began.
        AuthSessionStarted = "auth.session_started",
        /// A member passed the comprehension check before consenting.
        ConsentComprehensionPassed = "consent.comprehension_passed",
        /// A member granted (or changed) consent to a study.
        ConsentGranted = "consent.granted",
        /// A member withdrew consent to a study (or erasure did).
        ConsentWithdrawn = "consent.withdrawn",
        /// A member joined a community.
        CommunityJoined = "community.joined",
        /// A member left a community.
        CommunityLeft = "community.left",
        /// A member (or the system, for crisis language) reported a post or thread.
        CommunityReportFiled = "community.report_filed",
        /// A member appealed a moderator's action.
        CommunityAppealFiled = "community.appeal_filed",
        /// An admin or moderator resolved an appeal.
        CommunityAppealResolved = "community.appeal_resolved",
        /// A moderator acted (the moderation log has the row; details name the action).
        CommunityModerated = "community.moderated",
        /// An account read far faster than a person can and was flagged to admins.
        CommunityScrapingFlagged = "community.scraping_flagged",
        /// A member applied to become a researcher.
        ResearchApplicationSubmitted = "research.application_submitted",
        /// A researcher drafted a study.
        ResearchStudyCreated = "research.study_created",
        /// A researcher changed a draft (or rejected) study.
        ResearchStudyUpdated = "research.study_updated",
        /// A researcher submitted a study for review.
        ResearchStudySubmitted = "research.study_submitted",
        /// A study's owner added a researcher to it.
        ResearchStudyMemberAdded = "research.study_member_added",
        /// A study passed its end date and closed.
        ResearchStudyClosed = "research.study_closed",
        /// A researcher asked for an export of a study.
        ResearchExportRequested = "research.export_requested",
        /// An export was written (details: participants, rows, SHA-256).
        ResearchExportCompleted = "research.export_completed",
        /// An export was given up (details: the error).
        ResearchExportFailed = "research.export_failed",
        /// A researcher downloaded an export.
        ResearchExportDownloaded = "research.export_downloaded",
        /// An export's file was deleted after the retention period.
        ResearchExportExpired = "research.export_expired",
        /// The demo seed created an account.
        DemoAccountCreated = "demo.account_created",
    }
}

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed content of one audit row, in the exact form it is stored.
#[derive(Debug, Clone, Copy)]
pub struct ChainLink<'a> {
    /// Position in the chain, starting at 1, without gaps.
    pub seq: i64,
    /// The previous row's `hash` (or [`GENESIS_HASH`]).
    pub prev_hash: &'a str,
    /// RFC 3339 UTC time with microseconds, as stored.
    pub occurred_at: &'a str,
    /// Who acted (a user id), if anyone.
    pub actor_id: Option<&'a str>,
    /// What happened, e.g. `auth.login_succeeded`.
    pub action: &'a str,
    /// The kind of thing acted on, e.g. `user`.
    pub subject_type: Option<&'a str>,
    /// The id of the thing acted on.
    pub subject_id: Option<&'a str>,
    /// Extra detail as a JSON text, exactly as stored.
    pub details: &'a str,
}

impl ChainLink<'_> {
    /// SHA-256 (hex) over a length-prefixed encoding of every field, so that no two different
    /// rows can encode to the same bytes.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let mut put = |v: Option<&str>| match v {
            None => h.update(b"-;"),
            Some(s) => {
                h.update(s.len().to_string().as_bytes());
                h.update(b":");
                h.update(s.as_bytes());
                h.update(b";");
            }
        };
        put(Some(&self.seq.to_string()));
        put(Some(self.prev_hash));
        put(Some(self.occurred_at));
        put(self.actor_id);
        put(Some(self.action));
        put(self.subject_type);
        put(self.subject_id);
        put(Some(self.details));
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link<'a>(details: &'a str, actor: Option<&'a str>) -> ChainLink<'a> {
        ChainLink {
            seq: 1,
            prev_hash: GENESIS_HASH,
            occurred_at: "2026-01-01T00:00:00.000000Z",
            actor_id: actor,
            action: "test",
            subject_type: None,
            subject_id: None,
            details,
        }
    }

    #[test]
    fn any_change_changes_the_hash() {
        let base = link("{}", None).hash();
        assert_eq!(base.len(), 64);
        assert_eq!(base, link("{}", None).hash());
        assert_ne!(base, link("{ }", None).hash());
        assert_ne!(base, link("{}", Some("")).hash());
        let mut other = link("{}", None);
        other.seq = 2;
        assert_ne!(base, other.hash());
    }
}
