//! The permission matrix: every operation of the OpenAPI document × every kind of caller, with
//! the status each must get, as one table. The table must name exactly the operations the
//! document has (one row each): a new route without a row, or a row whose route is gone,
//! fails the test and is named.
//!
//! Callers (the columns): anonymous; an unverified member (registered, address never
//! confirmed, a member of the community); the patient who owns the resource in the path
//! (their measurement, response, condition entry, session, notification, consent receipt;
//! the author of the thread or post; a consenting member of the study); another patient (a
//! verified member of the same community, not the owner); a moderator of this community and
//! a moderator of another one (only where the route concerns a community, thread, post,
//! report or appeal); a researcher of this study and of another study (only where the route
//! concerns research: studies, consent, exports, applications); an admin. A cell that does
//! not apply is `NA` and sends nothing.
//!
//! The rules the cells follow (DESIGN §5, `app::authz`): someone else's private resource
//! answers 404, never 403 or 200; 403 only for the caller's own standing (a wrong role on a
//! role route, an unconfirmed address where writing needs one, not a moderator of a
//! community they can read); anonymous gets 401 wherever a sign-in is required. A cell where
//! the server breaks a rule is written `Bug { server, design }`: it always fails, naming both.
//!
//! Requests that would change state for an allowed caller are sent in a form the server
//! refuses *after* authorizing: an invalid body (422), a state that forbids it (409), a
//! target that does not exist behind an admin-only route (404) — that still proves the caller
//! got past authorization. Where the allowed caller must truly succeed (deleting, withdrawing,
//! moderating, signing out), the row's target (`On::Fresh…`) is made anew for every cell, so
//! no cell depends on what an earlier one did. What the allowed callers do change for real is
//! harmless to the rest: new threads, replies and reports, a warning and a ban of a member
//! kept for that, a join of a public community, notifications marked read.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use kindred_tests::actors::{self, Actor};
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app_with, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

use crate::communities::{self, act, age, get_json, hold, join, reply, thread};
use crate::research::exports;

/// One cell: the status the caller must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum E {
    /// This status.
    S(u16),
    /// This kind of caller does not apply to the route; nothing is sent.
    NA,
    /// A known server bug: the server answers `server` where the design requires `design`.
    /// Always fails, so it cannot be forgotten.
    #[allow(dead_code)]
    Bug { server: u16, design: u16 },
}
use E::{NA, S};

/// The callers, in the order of every row's cells.
pub(crate) const WHO: [&str; 9] = [
    "anonymous",
    "unverified member",
    "patient (owner)",
    "another patient",
    "moderator of this community",
    "moderator of another community",
    "researcher of this study",
    "researcher of another study",
    "admin",
];
pub(crate) const PATIENT: usize = 2;
pub(crate) const OTHER: usize = 3;
pub(crate) const MODERATOR: usize = 4;
pub(crate) const ADMIN: usize = 8;

/// What the path names (its `{id}`, `{slug}`, `{handle}`, `{version}`); `Fresh…` ones are
/// made anew for every cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum On {
    /// Nothing (no path parameters).
    Nothing,
    /// Nothing, but the caller signs in again first and uses that new session (the request
    /// ends it).
    FreshLogin,
    /// The patient's measurement.
    Measurement,
    /// A new measurement of the patient's.
    FreshMeasurement,
    /// A new condition entry of the patient's.
    FreshCondition,
    /// The patient's questionnaire response.
    Response,
    /// A new session of the patient's (they sign in again).
    FreshSession,
    /// The patient's notification.
    Notification,
    /// The patient's consent receipt.
    Receipt,
    /// The patient's Apple Health import.
    HealthImport,
    /// The seeded questionnaire PHQ-9, version 1 (published).
    Questionnaire,
    /// PHQ-9, a version that does not exist.
    NoSuchVersion,
    /// The members-only community the world lives in.
    Community,
    /// A public community anyone may join.
    PublicCommunity,
    /// A community the caller has just joined (the request leaves it).
    FreshMembership,
    /// The community and a member just appointed its moderator.
    FreshModerator,
    /// The community and a member just banned from it.
    FreshBan,
    /// The patient's thread.
    Thread,
    /// A new thread of the patient's; locked, pinned or removed by the moderator.
    FreshThread,
    FreshLockedThread,
    FreshPinnedThread,
    FreshRemovedThread,
    /// The patient's first post of their thread.
    Post,
    /// A new post of the patient's; removed by the moderator; held for approval.
    FreshPost,
    FreshRemovedPost,
    FreshHeldPost,
    /// A new open report (by another patient) of a new post of the patient's.
    FreshReport,
    /// A new open appeal of the patient's, against a removal by an admin (not the one in
    /// the admin column, so both the moderator and the admin may resolve it).
    FreshAppeal,
    /// The approved study.
    Study,
    /// The approved study, with the patient's consent (re-)granted just before.
    FreshConsent,
    /// The study's ready export.
    Export,
    /// The researcher's application (approved).
    ApprovedApplication,
    /// The patient's application (pending).
    PendingApplication,
    /// Another patient's account.
    User,
    /// A measurement type (`body_weight`).
    MeasurementType,
    /// A catalog condition (`asthma`).
    Condition,
}

/// What is sent beyond the path. `$target` in a JSON body is the handle of a member to warn
/// or ban, `$action` the moderator action the patient appealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum B {
    None,
    Json(&'static str),
    Query(&'static str),
}

/// A row: method, path as in the OpenAPI document (without `/api/v1`), its target, the
/// request and one cell per caller.
pub(crate) type Row = (&'static str, &'static str, On, B, [E; 9]);

// Patterns shared by many rows.
const EMPTY: B = B::Json("{}");
const REASON: B = B::Json(r#"{"reason": "Checked by the permission matrix."}"#);
/// A well-formed study draft whose eligibility names a community that does not exist: the
/// role is checked first (403), the content after it (422).
const NEW_STUDY: B = B::Json(
    r#"{"title": "Pollen and peak flow",
        "lay_summary": "We want to learn how pollen in the air changes breathing for people with asthma.",
        "purpose": "Estimate the association between daily pollen counts and peak expiratory flow.",
        "ethics_reference": "IRB-2026-017", "data_from": "2026-01-01", "data_to": "2026-12-31",
        "ends_on": "2099-06-30", "communities": ["no-such-community"],
        "categories": [{"category": "measurement:peak_flow", "reason": "Peak flow shows how open the airways are."}]}"#,
);
/// A route that needs no sign-in.
const PUBLIC: [E; 9] = [S(200), S(200), S(200), S(200), NA, NA, NA, NA, S(200)];
/// A public route refusing the body sent, whoever sends it.
const PUBLIC_422: [E; 9] = [S(422), S(422), S(422), S(422), NA, NA, NA, NA, S(422)];
/// Any signed-in member, about their own account.
const SIGNED_IN: [E; 9] = [S(401), S(200), S(200), S(200), NA, NA, NA, NA, S(200)];
/// Any signed-in member, refused for the (invalid) body after authorization.
const SIGNED_IN_422: [E; 9] = [S(401), S(422), S(422), S(422), NA, NA, NA, NA, S(422)];
/// The patient's own resource: everyone else is told it does not exist.
const OWN: [E; 9] = [S(401), S(404), S(200), S(404), NA, NA, NA, NA, S(404)];
const OWN_204: [E; 9] = [S(401), S(404), S(204), S(404), NA, NA, NA, NA, S(404)];
/// Admins only: every other role is refused for its standing.
const ADMIN_ONLY: [E; 9] = [S(401), S(403), S(403), S(403), S(403), S(403), S(403), S(403), S(200)];
const ADMIN_ONLY_422: [E; 9] =
    [S(401), S(403), S(403), S(403), S(403), S(403), S(403), S(403), S(422)];
/// Any signed-in member, about communities.
const FORUM_SIGNED_IN: [E; 9] = [S(401), S(200), S(200), S(200), S(200), S(200), NA, NA, S(200)];
/// Reading a members-only community: its members, moderators and admins.
const READ: [E; 9] = [S(401), S(200), S(200), S(200), S(200), S(404), NA, NA, S(200)];
/// Writing in it: verified members, its moderators, admins.
const WRITE: [E; 9] = [S(401), S(403), S(201), S(201), S(201), S(404), NA, NA, S(201)];
/// Moderating it: its moderators and admins.
const MODERATE: [E; 9] = [S(401), S(403), S(403), S(403), S(200), S(404), NA, NA, S(200)];
const MODERATE_201: [E; 9] = [S(401), S(403), S(403), S(403), S(201), S(404), NA, NA, S(201)];
/// Admin-only forum routes, refused for the (invalid) body after authorization.
const FORUM_ADMIN_422: [E; 9] = [S(401), S(403), S(403), S(403), S(403), S(403), NA, NA, S(422)];
/// Any signed-in member, about their part in research.
const RESEARCH_SIGNED_IN: [E; 9] = [S(401), S(200), S(200), S(200), NA, NA, S(200), S(200), S(200)];
/// A study: its researchers and admins; anyone else is told it does not exist.
const STUDY: [E; 9] = [S(401), S(404), S(404), S(404), NA, NA, S(200), S(404), S(200)];

#[rustfmt::skip]
pub(crate) const TABLE: &[Row] = &[
    // Operations at the root. `/metrics` is not served on the public listener unless a
    // metrics token is configured (none is here): 404 to everyone.
    ("GET", "/healthz", On::Nothing, B::None, PUBLIC),
    ("GET", "/readyz", On::Nothing, B::None, PUBLIC),
    ("GET", "/metrics", On::Nothing, B::None, [S(404), S(404), S(404), S(404), NA, NA, NA, NA, S(404)]),

    // Accounts and sign-in: public, so everyone gets the same answer to an invalid body.
    ("POST", "/auth/register", On::Nothing, EMPTY, PUBLIC_422),
    ("POST", "/auth/verify-email", On::Nothing, EMPTY, PUBLIC_422),
    ("POST", "/auth/resend-verification", On::Nothing, EMPTY, PUBLIC_422),
    ("POST", "/auth/login", On::Nothing, EMPTY, PUBLIC_422),
    ("POST", "/auth/refresh", On::Nothing, B::Json(r#"{"refresh_token": "not-a-refresh-token"}"#),
        [S(401), S(401), S(401), S(401), NA, NA, NA, NA, S(401)]),
    ("POST", "/auth/logout", On::FreshLogin, B::None, [S(401), S(204), S(204), S(204), NA, NA, NA, NA, S(204)]),
    ("POST", "/auth/password-reset/request", On::Nothing, EMPTY, PUBLIC_422),
    ("POST", "/auth/password-reset/confirm", On::Nothing, EMPTY, PUBLIC_422),

    // The signed-in member's own account.
    ("GET", "/me", On::Nothing, B::None, SIGNED_IN),
    ("PATCH", "/me", On::Nothing, B::Json(r#"{"handle": "!"}"#), SIGNED_IN_422),
    ("DELETE", "/me", On::Nothing, EMPTY, SIGNED_IN_422),
    ("POST", "/me/password", On::Nothing, B::Json(r#"{"current_password": "x", "new_password": "short"}"#), SIGNED_IN_422),
    ("GET", "/me/sessions", On::Nothing, B::None, SIGNED_IN),
    ("DELETE", "/me/sessions/{id}", On::FreshSession, B::None, OWN_204),
    ("GET", "/me/export", On::Nothing, B::None, SIGNED_IN),
    ("GET", "/me/conditions", On::Nothing, B::None, SIGNED_IN),
    ("POST", "/me/conditions", On::Nothing, EMPTY, SIGNED_IN_422),
    ("DELETE", "/me/conditions/{id}", On::FreshCondition, B::None, OWN_204),

    // Catalogs: public reads, admin-only writes.
    ("GET", "/conditions", On::Nothing, B::None, PUBLIC),
    ("GET", "/terms", On::Nothing, B::None, PUBLIC),
    ("POST", "/conditions", On::Nothing, EMPTY, ADMIN_ONLY_422),
    ("GET", "/conditions/{slug}/suggestions", On::Condition, B::None, PUBLIC),
    ("PUT", "/conditions/{slug}/suggestions", On::Condition, B::Json(r#"{"measurement_types": ["peak_flow"], "questionnaires": []}"#), ADMIN_ONLY),
    ("GET", "/measurement-types", On::Nothing, B::None, PUBLIC),
    ("POST", "/measurement-types", On::Nothing, EMPTY, ADMIN_ONLY_422),

    // Measurements: only ever the caller's own.
    ("GET", "/me/measurements", On::Nothing, B::None, SIGNED_IN),
    ("POST", "/me/measurements", On::Nothing, EMPTY, SIGNED_IN_422),
    ("POST", "/me/measurements/batch", On::Nothing, EMPTY, SIGNED_IN_422),
    ("POST", "/me/measurements/import", On::Nothing, B::None, [S(401), S(415), S(415), S(415), NA, NA, NA, NA, S(415)]),
    ("GET", "/me/measurements/summary", On::Nothing, B::Query("type=peak_flow"), SIGNED_IN),
    ("GET", "/me/measurements/extent", On::Nothing, B::Query("type=peak_flow"), SIGNED_IN),
    ("GET", "/me/display-units", On::Nothing, B::None, SIGNED_IN),
    ("GET", "/me/measurements/export.csv", On::Nothing, B::None, SIGNED_IN),
    ("GET", "/me/targets", On::Nothing, B::None, SIGNED_IN),
    ("POST", "/me/imports/apple-health", On::Nothing, B::None, [S(401), S(415), S(415), S(415), NA, NA, NA, NA, S(415)]),
    ("GET", "/me/imports/{id}", On::HealthImport, B::None, OWN),
    ("PUT", "/me/targets/{type}", On::MeasurementType, B::Json(r#"{"ranges": {"value": {"low": 60, "high": 90}}}"#), [S(401), S(204), S(204), S(204), NA, NA, NA, NA, S(204)]),
    // Each caller removes the target its PUT above set (rows run in order).
    ("DELETE", "/me/targets/{type}", On::MeasurementType, B::None, [S(401), S(204), S(204), S(204), NA, NA, NA, NA, S(204)]),
    ("PUT", "/me/display-units/{type}", On::MeasurementType, B::Json(r#"{"unit": "lb"}"#), SIGNED_IN),
    ("GET", "/me/measurements/{id}", On::Measurement, B::None, OWN),
    ("PATCH", "/me/measurements/{id}", On::FreshMeasurement, B::Json(r#"{"note": "Corrected."}"#), OWN),
    ("DELETE", "/me/measurements/{id}", On::FreshMeasurement, B::None, OWN_204),

    // Questionnaires: public catalog, admin authoring, the caller's own responses.
    ("GET", "/questionnaires", On::Nothing, B::None, PUBLIC),
    ("POST", "/questionnaires", On::Nothing, EMPTY, ADMIN_ONLY_422),
    ("GET", "/questionnaires/{slug}", On::Questionnaire, B::None, PUBLIC),
    ("GET", "/questionnaires/{slug}/versions", On::Questionnaire, B::None, ADMIN_ONLY),
    ("POST", "/questionnaires/{slug}/versions", On::Questionnaire, EMPTY, ADMIN_ONLY_422),
    ("PATCH", "/questionnaires/{slug}/versions/{version}", On::Questionnaire, EMPTY, ADMIN_ONLY_422),
    ("POST", "/questionnaires/{slug}/versions/{version}/publish", On::Questionnaire, B::None,
        [S(401), S(403), S(403), S(403), S(403), S(403), S(403), S(403), S(409)]),
    ("POST", "/questionnaires/{slug}/versions/{version}/retire", On::NoSuchVersion, B::None,
        [S(401), S(403), S(403), S(403), S(403), S(403), S(403), S(403), S(404)]),
    ("POST", "/questionnaires/{slug}/responses", On::Questionnaire, EMPTY, SIGNED_IN_422),
    ("GET", "/me/responses", On::Nothing, B::None, SIGNED_IN),
    ("GET", "/me/responses/{id}", On::Response, B::None, OWN),
    ("GET", "/me/questionnaires/due", On::Nothing, B::None, SIGNED_IN),
    ("GET", "/me/questionnaires/{slug}/scores", On::Questionnaire, B::None, SIGNED_IN),
    ("GET", "/me/questionnaires/{slug}/responses.csv", On::Questionnaire, B::None, SIGNED_IN),

    // Communities.
    ("GET", "/communities", On::Nothing, B::None, FORUM_SIGNED_IN),
    ("POST", "/communities", On::Nothing, EMPTY, FORUM_ADMIN_422),
    ("GET", "/me/communities", On::Nothing, B::None, FORUM_SIGNED_IN),
    ("GET", "/communities/{slug}", On::Community, B::None, FORUM_SIGNED_IN),
    ("PATCH", "/communities/{slug}", On::Community, EMPTY, FORUM_ADMIN_422),
    ("POST", "/communities/{slug}/join", On::PublicCommunity, B::None,
        [S(401), S(204), S(204), S(204), S(204), S(204), NA, NA, S(204)]),
    ("DELETE", "/communities/{slug}/membership", On::FreshMembership, B::None,
        [S(401), S(204), S(204), S(204), S(204), S(204), NA, NA, S(204)]),
    ("GET", "/communities/{slug}/threads", On::Community, B::None, READ),
    ("POST", "/communities/{slug}/threads", On::Community, B::Json(r#"{"title": "Hello", "body": "Hello, everyone."}"#), WRITE),
    ("GET", "/communities/{slug}/search", On::Community, B::Query("q=matrix"), READ),
    ("GET", "/communities/{slug}/modlog", On::Community, B::None, READ),
    ("GET", "/communities/{slug}/moderators", On::Community, B::None, READ),
    ("POST", "/communities/{slug}/moderators", On::Community, EMPTY, FORUM_ADMIN_422),
    ("DELETE", "/communities/{slug}/moderators/{handle}", On::FreshModerator, B::None,
        [S(401), S(403), S(403), S(403), S(403), S(403), NA, NA, S(204)]),
    ("GET", "/communities/{slug}/reports", On::Community, B::None, MODERATE),
    ("GET", "/communities/{slug}/held", On::Community, B::None, MODERATE),
    ("POST", "/communities/{slug}/warnings", On::Community, B::Json(r#"{"handle": "$target", "reason": "Matrix."}"#), MODERATE_201),
    ("POST", "/communities/{slug}/bans", On::Community, B::Json(r#"{"handle": "$target", "reason": "Matrix."}"#), MODERATE_201),
    ("DELETE", "/communities/{slug}/bans/{handle}", On::FreshBan, REASON, MODERATE),

    // Threads.
    ("GET", "/threads/{id}", On::Thread, B::None, READ),
    ("GET", "/threads/{id}/posts", On::Thread, B::None, READ),
    ("POST", "/threads/{id}/posts", On::Thread, B::Json(r#"{"body": "A reply from the matrix."}"#), WRITE),
    ("POST", "/threads/{id}/reports", On::Thread, B::Json(r#"{"category": "other", "details": "Matrix."}"#), WRITE),
    ("POST", "/threads/{id}/lock", On::FreshThread, REASON, MODERATE),
    ("POST", "/threads/{id}/unlock", On::FreshLockedThread, REASON, MODERATE),
    ("POST", "/threads/{id}/pin", On::FreshThread, REASON, MODERATE),
    ("POST", "/threads/{id}/unpin", On::FreshPinnedThread, REASON, MODERATE),
    ("POST", "/threads/{id}/remove", On::FreshThread, REASON, MODERATE),
    ("POST", "/threads/{id}/restore", On::FreshRemovedThread, REASON, MODERATE),

    // Posts: the author edits and deletes; moderators act.
    ("PATCH", "/posts/{id}", On::FreshPost, B::Json(r#"{"body": "Edited by its author."}"#),
        [S(401), S(403), S(200), S(403), S(403), S(404), NA, NA, S(403)]),
    ("DELETE", "/posts/{id}", On::FreshPost, B::None,
        [S(401), S(403), S(204), S(403), S(403), S(404), NA, NA, S(403)]),
    ("POST", "/posts/{id}/reports", On::Post, B::Json(r#"{"category": "spam"}"#), WRITE),
    ("POST", "/posts/{id}/remove", On::FreshPost, REASON, MODERATE),
    ("POST", "/posts/{id}/restore", On::FreshRemovedPost, REASON, MODERATE),
    ("POST", "/posts/{id}/approve", On::FreshHeldPost, REASON, MODERATE),
    ("POST", "/posts/{id}/reject", On::FreshHeldPost, REASON, MODERATE),

    // Moderation: reports and appeals. Only the member a moderator action concerns may
    // appeal it (the patient already did: 409); an appeal is private to them and the
    // community's moderators.
    ("POST", "/reports/{id}/resolve", On::FreshReport, B::Json(r#"{"action": "dismiss", "reason": "Matrix."}"#), MODERATE),
    ("POST", "/appeals", On::Nothing, B::Json(r#"{"mod_action_id": "$action", "statement": "Please look again."}"#),
        [S(401), S(404), S(409), S(404), S(404), S(404), NA, NA, S(404)]),
    ("GET", "/appeals", On::Nothing, B::None, [S(401), S(403), S(403), S(403), S(200), S(200), NA, NA, S(200)]),
    ("POST", "/appeals/{id}/resolve", On::FreshAppeal, B::Json(r#"{"outcome": "uphold", "reason": "Matrix."}"#),
        [S(401), S(404), S(404), S(404), S(200), S(404), NA, NA, S(200)]),

    // Notifications: the caller's own.
    ("GET", "/me/notifications", On::Nothing, B::None, FORUM_SIGNED_IN),
    ("POST", "/me/notifications/read-all", On::Nothing, B::None, FORUM_SIGNED_IN),
    ("POST", "/me/notifications/{id}/read", On::Notification, B::None,
        [S(401), S(404), S(204), S(404), S(404), S(404), NA, NA, S(404)]),

    // Researcher verification. Everyone verified here has applied already (409).
    ("GET", "/researcher/application", On::Nothing, B::None, [S(401), S(404), S(200), S(200), NA, NA, S(200), S(200), S(404)]),
    ("POST", "/researcher/application", On::Nothing, B::Json(r#"{"institution": "University of Elsewhere", "title": "Fellow",
        "institutional_email": "fellow@elsewhere.example.edu",
        "statement": "I study how sleep changes pain in adults living with fibromyalgia."}"#),
        [S(401), S(403), S(409), S(409), NA, NA, S(409), S(409), S(409)]),

    // Studies.
    ("GET", "/studies", On::Nothing, B::None, [S(401), S(403), S(403), S(403), NA, NA, S(200), S(200), S(200)]),
    ("POST", "/studies", On::Nothing, NEW_STUDY, [S(401), S(403), S(403), S(403), NA, NA, S(422), S(422), S(403)]),
    ("GET", "/studies/{id}", On::Study, B::None, STUDY),
    ("PATCH", "/studies/{id}", On::Study, EMPTY, [S(401), S(404), S(404), S(404), NA, NA, S(409), S(404), S(403)]),
    ("POST", "/studies/{id}/submit", On::Study, B::None, [S(401), S(404), S(404), S(404), NA, NA, S(409), S(404), S(403)]),
    ("POST", "/studies/{id}/members", On::Study, B::Json(r#"{"handle": "nobody_by_this_name"}"#),
        [S(401), S(404), S(404), S(404), NA, NA, S(422), S(404), S(403)]),
    ("POST", "/studies/{id}/approve", On::Study, EMPTY, [S(401), S(403), S(403), S(403), NA, NA, S(403), S(403), S(422)]),
    ("POST", "/studies/{id}/reject", On::Study, B::Json(r#"{"reason": ""}"#), [S(401), S(403), S(403), S(403), NA, NA, S(403), S(403), S(422)]),
    ("GET", "/studies/{id}/cohort", On::Study, B::None, STUDY),

    // Consent: the comprehension check, invitations, granting and withdrawing, receipts.
    ("GET", "/me/comprehension-check", On::Nothing, B::None, RESEARCH_SIGNED_IN),
    ("POST", "/me/comprehension-check", On::Nothing, EMPTY, [S(401), S(422), S(422), S(422), NA, NA, S(422), S(422), S(422)]),
    ("GET", "/me/invitations", On::Nothing, B::None, RESEARCH_SIGNED_IN),
    ("POST", "/studies/{id}/consent", On::Study, B::Json(r#"{"categories": [], "consent_text_sha256": "x"}"#),
        [S(401), S(403), S(409), S(403), NA, NA, S(404), S(404), S(404)]),
    ("DELETE", "/studies/{id}/consent", On::FreshConsent, B::None, [S(401), S(404), S(204), S(404), NA, NA, S(404), S(404), S(404)]),
    ("GET", "/me/consents", On::Nothing, B::None, RESEARCH_SIGNED_IN),
    ("GET", "/me/consents/{id}", On::Receipt, B::None, [S(401), S(404), S(200), S(404), NA, NA, S(404), S(404), S(404)]),
    ("GET", "/me/data-access", On::Nothing, B::None, RESEARCH_SIGNED_IN),

    // Exports: the study's researchers; admins see them but never download the data.
    ("POST", "/studies/{id}/exports", On::Study, B::Json(r#"{"format": "bogus"}"#),
        [S(401), S(404), S(404), S(404), NA, NA, S(422), S(404), S(403)]),
    ("GET", "/studies/{id}/exports", On::Study, B::None, STUDY),
    ("GET", "/exports/{id}", On::Export, B::None, STUDY),
    ("GET", "/exports/{id}/download", On::Export, B::None, [S(401), S(404), S(404), S(404), NA, NA, S(200), S(404), S(404)]),

    // Administration.
    ("GET", "/admin/audit", On::Nothing, B::None, ADMIN_ONLY),
    ("GET", "/admin/flags", On::Nothing, B::None, ADMIN_ONLY),
    ("GET", "/admin/users", On::Nothing, B::None, ADMIN_ONLY),
    ("POST", "/admin/users/{id}/suspend", On::User, EMPTY, ADMIN_ONLY_422),
    ("POST", "/admin/users/{id}/unsuspend", On::User, EMPTY, ADMIN_ONLY_422),
    ("GET", "/admin/researchers", On::Nothing, B::None, ADMIN_ONLY),
    ("POST", "/admin/researchers/{id}/approve", On::ApprovedApplication, B::None,
        [S(401), S(403), S(403), S(403), S(403), S(403), S(403), S(403), S(409)]),
    ("POST", "/admin/researchers/{id}/reject", On::PendingApplication, B::Json(r#"{"reason": ""}"#), ADMIN_ONLY_422),
];

/// The study's requested categories (one is enough for the table).
pub(crate) const CATEGORIES: [&str; 1] = ["measurement:peak_flow"];

/// Everything the table's paths name, built once.
pub(crate) struct World {
    /// One caller per column, in [`WHO`] order.
    pub(crate) callers: Vec<Actor>,
    /// A second admin: takes the actions appeals are made against.
    pub(crate) other_admin: Actor,
    /// A member of the community to warn and ban.
    pub(crate) target: Actor,
    /// A member of the community appointed and dismissed as moderator.
    pub(crate) deputy: Actor,
    pub(crate) study: exports::World,
    pub(crate) export: String,
    pub(crate) thread: String,
    pub(crate) post: String,
    /// The moderator action (a removal of the patient's post) the patient appealed.
    pub(crate) action: String,
    pub(crate) measurement: String,
    pub(crate) response: String,
    pub(crate) notification: String,
    pub(crate) receipt: String,
    pub(crate) health_import: String,
    pub(crate) approved_application: String,
    pub(crate) pending_application: String,
}

impl World {
    pub(crate) fn patient(&self) -> &Actor {
        &self.callers[PATIENT]
    }
    pub(crate) fn other(&self) -> &Actor {
        &self.callers[OTHER]
    }
    fn moderator(&self) -> &Actor {
        &self.callers[MODERATOR]
    }
}

pub(crate) const SLUG: &str = communities::SLUG;

pub(crate) async fn build(app: &TestApp) -> World {
    // The community world: an admin, a moderator here and one of another community, members.
    let cw = communities::World::new(app).await;
    // The research world: an approved study open to the community, its researcher, and five
    // consenting members with data (k = 5); the first is the patient who owns things.
    let rw = exports::world(app, &CATEGORIES, 5, "relative").await;
    let mut consenting = Vec::new();
    for i in 0..5 {
        let p = exports::member(app, 700 + i, "MATRIX").await;
        exports::consent(app, &p, &rw, &CATEGORIES).await;
        consenting.push(p);
    }
    let patient = consenting.swap_remove(0);
    let export = exports::export(app, &rw.researcher, &rw.study, "csv").await;
    assert_eq!(export["status"], "ready", "{export}");
    let export = export["id"].as_str().unwrap().to_string();

    let elsewhere = actors::researcher(app, &rw.admin).await;
    let mut draft = crate::research::study();
    draft.as_object_mut().unwrap().remove("conditions");
    act(app, &elsewhere, Method::POST, "/studies", draft).await;

    let unverified = actors::unverified(app).await;
    join(app, &unverified, SLUG).await;
    let target = cw.outsider.clone();
    join(app, &target, SLUG).await;
    let other = cw.member.clone();
    for a in [&patient, &other, &cw.moderator, &cw.other_moderator, &cw.admin, &rw.admin] {
        age(app, a);
    }

    // The patient's thread, a reply that notifies them, a report of their post, and a post of
    // theirs removed by an admin, which they appealed.
    let t = thread(app, &patient, SLUG, "Matrix thread", "How is everyone's breathing?").await;
    let thread_id = t["thread"]["id"].as_str().unwrap().to_string();
    let post = t["post"]["id"].as_str().unwrap().to_string();
    reply(app, &other, &thread_id, "Better since spring, thanks.").await;
    let path = format!("/posts/{post}/reports");
    act(app, &other, Method::POST, &path, json!({"category": "spam"})).await;
    let (_, removed) = fresh_thread(app, &patient).await;
    let path = format!("/posts/{removed}/remove");
    let action = act(app, &rw.admin, Method::POST, &path, json!({"reason": "Off topic."})).await;
    let action = action["id"].as_str().unwrap().to_string();
    let appeal = json!({"mod_action_id": action, "statement": "It was on topic."});
    act(app, &patient, Method::POST, "/appeals", appeal).await;

    // Applications: the researchers' are approved; both patients have one pending.
    let approved = get_json(app, &rw.researcher, "/researcher/application").await;
    let approved_application = approved["id"].as_str().unwrap().to_string();
    let mut pending = Vec::new();
    for (i, p) in [&patient, &other].into_iter().enumerate() {
        let body = json!({
            "institution": "University of Somewhere", "title": "Nurse researcher",
            "institutional_email": format!("applicant{i}@somewhere.example.edu"),
            "statement": "I study how people with asthma track their peak flow at home.",
        });
        let a = act(app, p, Method::POST, "/researcher/application", body).await;
        pending.push(a["id"].as_str().unwrap().to_string());
    }

    let first = |v: Value, what: &str| {
        v["items"][0]["id"].as_str().unwrap_or_else(|| panic!("{what}: {v}")).to_string()
    };
    let measurement = first(get_json(app, &patient, "/me/measurements").await, "measurement");
    let response = first(get_json(app, &patient, "/me/responses").await, "response");
    let notification = first(get_json(app, &patient, "/me/notifications").await, "notification");
    let receipts = get_json(app, &patient, "/me/consents").await;
    let receipt = receipts["items"][0]["receipt_id"].as_str().unwrap().to_string();
    let xml = crate::apple_health::export_xml("");
    let zip = crate::apple_health::zip_of(&[("apple_health_export/export.xml", xml.as_bytes())]);
    let (status, import) = crate::apple_health::upload(app, &patient.token, "", zip).await;
    assert_eq!(status, 202, "{import}");
    let health_import = import["id"].as_str().unwrap().to_string();

    let callers = vec![
        actors::anonymous(),
        unverified,
        patient,
        other,
        cw.moderator.clone(),
        cw.other_moderator.clone(),
        rw.researcher.clone(),
        elsewhere,
        cw.admin.clone(),
    ];
    World {
        callers,
        other_admin: rw.admin.clone(),
        target,
        deputy: cw.member2.clone(),
        study: rw,
        export,
        thread: thread_id,
        post,
        action,
        measurement,
        response,
        notification,
        receipt,
        health_import,
        approved_application,
        pending_application: pending.swap_remove(0),
    }
}

/// A new thread of `author` in the community: (thread id, its first post's id).
async fn fresh_thread(app: &TestApp, author: &Actor) -> (String, String) {
    let t = thread(app, author, SLUG, "Fresh thread", "One cell of the matrix acts on this.").await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    (id(&t["thread"]), id(&t["post"]))
}

/// The path parameters of a row for one cell (making fresh targets), and, for
/// [`On::FreshLogin`], the caller's new token.
async fn prepare(
    app: &TestApp,
    w: &World,
    on: On,
    who: usize,
) -> (Vec<(&'static str, String)>, Option<String>) {
    let p = w.patient();
    let reason = || json!({"reason": "Fixture."});
    let id = |v: String| vec![("{id}", v)];
    let community =
        |handle: &str| vec![("{slug}", SLUG.to_string()), ("{handle}", handle.to_string())];
    let vals = match on {
        On::Nothing => vec![],
        On::MeasurementType => vec![("{type}", "body_weight".to_string())],
        On::Condition => vec![("{slug}", "asthma".to_string())],
        On::FreshLogin => {
            let caller = &w.callers[who];
            if caller.is_anonymous() {
                return (vec![], None);
            }
            let login = app.login(&caller.email, PASSWORD).await;
            return (vec![], Some(login["access_token"].as_str().unwrap().to_string()));
        }
        On::Measurement => id(w.measurement.clone()),
        On::FreshMeasurement => {
            let body =
                json!({"type": "heart_rate", "value": 64, "taken_at": "2026-05-03T08:00:00Z"});
            let m = act(app, p, Method::POST, "/me/measurements", body).await;
            id(m["id"].as_str().unwrap().to_string())
        }
        On::FreshCondition => {
            let body = json!({"condition": "migraine", "status": "active"});
            let res = app.request_as(p, Method::POST, "/me/conditions", Some(&body)).await;
            assert!(
                matches!(res.status().as_u16(), 201 | 409),
                "add a condition: {}",
                res.status()
            );
            let mine = get_json(app, p, "/me/conditions").await;
            let entry = mine["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["condition"]["slug"] == "migraine");
            id(entry.expect("the migraine entry")["id"].as_str().unwrap().to_string())
        }
        On::Response => id(w.response.clone()),
        On::FreshSession => {
            let login = app.login(&p.email, PASSWORD).await;
            let token = login["access_token"].as_str().unwrap();
            let res = app.get_authed("/me/sessions", token).await;
            let sessions: Value = res.json().await.unwrap();
            let current =
                sessions["items"].as_array().unwrap().iter().find(|s| s["current"] == true);
            id(current.expect("the new session")["id"].as_str().unwrap().to_string())
        }
        On::Notification => id(w.notification.clone()),
        On::Receipt => id(w.receipt.clone()),
        On::HealthImport => id(w.health_import.clone()),
        On::Questionnaire => vec![("{slug}", "phq-9".into()), ("{version}", "1".into())],
        On::NoSuchVersion => vec![("{slug}", "phq-9".into()), ("{version}", "99".into())],
        On::Community => vec![("{slug}", SLUG.to_string())],
        On::PublicCommunity => vec![("{slug}", "newly-diagnosed".into())],
        On::FreshMembership => {
            let caller = &w.callers[who];
            if !caller.is_anonymous() {
                join(app, caller, "caregivers").await;
            }
            vec![("{slug}", "caregivers".into())]
        }
        On::FreshModerator => {
            communities::appoint(app, &w.callers[ADMIN], SLUG, &w.deputy).await;
            community(&w.deputy.handle)
        }
        On::FreshBan => {
            let body = json!({"handle": w.target.handle, "reason": "Fixture."});
            act(app, w.moderator(), Method::POST, &format!("/communities/{SLUG}/bans"), body).await;
            community(&w.target.handle)
        }
        On::Thread => id(w.thread.clone()),
        On::FreshThread
        | On::FreshLockedThread
        | On::FreshPinnedThread
        | On::FreshRemovedThread => {
            let (t, _) = fresh_thread(app, p).await;
            let verb = match on {
                On::FreshLockedThread => "lock",
                On::FreshPinnedThread => "pin",
                On::FreshRemovedThread => "remove",
                _ => "",
            };
            if !verb.is_empty() {
                act(app, w.moderator(), Method::POST, &format!("/threads/{t}/{verb}"), reason())
                    .await;
            }
            id(t)
        }
        On::Post => id(w.post.clone()),
        On::FreshPost => id(fresh_thread(app, p).await.1),
        On::FreshRemovedPost => {
            let (_, post) = fresh_thread(app, p).await;
            act(app, w.moderator(), Method::POST, &format!("/posts/{post}/remove"), reason()).await;
            id(post)
        }
        On::FreshHeldPost => {
            let (_, post) = fresh_thread(app, p).await;
            hold(app, &post);
            id(post)
        }
        On::FreshReport => {
            let (_, post) = fresh_thread(app, p).await;
            let path = format!("/posts/{post}/reports");
            let r = act(app, w.other(), Method::POST, &path, json!({"category": "spam"})).await;
            id(r["id"].as_str().unwrap().to_string())
        }
        On::FreshAppeal => {
            let (_, post) = fresh_thread(app, p).await;
            let path = format!("/posts/{post}/remove");
            let a = act(app, &w.other_admin, Method::POST, &path, reason()).await;
            let body = json!({"mod_action_id": a["id"], "statement": "Please look again."});
            let appeal = act(app, p, Method::POST, "/appeals", body).await;
            id(appeal["id"].as_str().unwrap().to_string())
        }
        On::Study => id(w.study.study.clone()),
        On::FreshConsent => {
            let body = json!({"categories": CATEGORIES, "consent_text_sha256": w.study.hash});
            let path = format!("/studies/{}/consent", w.study.study);
            let res = app.request_as(p, Method::POST, &path, Some(&body)).await;
            assert!(
                res.status().is_success(),
                "re-grant: {}",
                res.text().await.unwrap_or_default()
            );
            id(w.study.study.clone())
        }
        On::Export => id(w.export.clone()),
        On::ApprovedApplication => id(w.approved_application.clone()),
        On::PendingApplication => id(w.pending_application.clone()),
        On::User => id(w.other().id.clone()),
    };
    (vals, None)
}

/// One cell's request, ready to send.
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The full URL: the path filled in, the row's query added.
    pub(crate) url: String,
    /// The row's JSON body (`$target` and `$action` filled in).
    pub(crate) body: Option<Value>,
    /// The bearer token: the caller's, a fresh session's ([`On::FreshLogin`]), or none.
    pub(crate) token: Option<String>,
}

impl Request {
    /// The request of `row` (whose full path is `full`) for the caller in column `who`,
    /// making the row's fresh target first.
    pub(crate) async fn prepare(
        app: &TestApp,
        w: &World,
        full: &str,
        row: &Row,
        who: usize,
    ) -> Request {
        let (method, _, on, send, _) = row;
        let (vals, token) = prepare(app, w, *on, who).await;
        let mut url = app.url(&fill(full, &vals));
        let mut body = None;
        match send {
            B::None => {}
            B::Json(text) => {
                let values = [("$target", &w.target.handle), ("$action", &w.action)];
                let text = values.iter().fold(text.to_string(), |t, (k, v)| t.replace(k, v));
                body = Some(serde_json::from_str::<Value>(&text).expect("a JSON body"));
            }
            B::Query(q) => url = format!("{url}?{q}"),
        }
        Request {
            method: Method::from_bytes(method.as_bytes()).expect("an HTTP method"),
            url,
            body,
            token: token.or_else(|| w.callers[who].bearer().map(str::to_string)),
        }
    }

    /// Sends it; returns the status and the whole body (lossy UTF-8).
    pub(crate) async fn send(&self, app: &TestApp) -> (u16, String) {
        let mut req = app.client.request(self.method.clone(), &self.url);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = &self.body {
            req = req.json(b);
        }
        let res = req.send().await.expect("request");
        let got = res.status().as_u16();
        // Always read the whole body: a streamed answer (`/me/export`) holds its slot on the
        // server until it is read, and the next caller's request would find none.
        let text = String::from_utf8_lossy(&res.bytes().await.unwrap_or_default()).into_owned();
        (got, text)
    }
}

/// Every operation of the OpenAPI document: (METHOD, path without `/api/v1`) → the full path.
pub(crate) fn documented() -> BTreeMap<(String, String), String> {
    let doc = serde_json::to_value(kindred_api::openapi::document()).expect("the document as JSON");
    let mut ops = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let short = path.strip_prefix("/api/v1").unwrap_or(path);
        for method in ["get", "put", "post", "patch", "delete", "head", "options", "trace"] {
            if item.get(method).is_some() {
                ops.insert((method.to_uppercase(), short.to_string()), path.clone());
            }
        }
    }
    ops
}

/// The table's problems as a whole: operations with no row, rows naming no operation, and
/// operations with more than one row.
fn coverage(ops: &BTreeMap<(String, String), String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rows = BTreeSet::new();
    for (method, path, ..) in TABLE {
        let key = (method.to_string(), path.to_string());
        if !rows.insert(key) {
            problems.push(format!("two rows for {method} {path}"));
        }
    }
    for (method, path) in ops.keys() {
        if !rows.contains(&(method.clone(), path.clone())) {
            problems.push(format!("operation with no row in the table: {method} {path}"));
        }
    }
    for (method, path) in &rows {
        if !ops.contains_key(&(method.clone(), path.clone())) {
            problems.push(format!(
                "row for an operation the OpenAPI document does not have: {method} {path}"
            ));
        }
    }
    problems
}

fn fill(template: &str, vals: &[(&'static str, String)]) -> String {
    vals.iter().fold(template.to_string(), |acc, (k, v)| acc.replace(k, v))
}

#[tokio::test]
async fn every_operation_answers_every_kind_of_caller_as_the_matrix_says() {
    let ops = documented();
    let mut failures = coverage(&ops);

    // Many sign-ins from one address: the per-IP limit of the auth endpoints is not under test.
    let app = spawn_app_with(|s| {
        s.min_cohort = 5;
        s.auth_rate_limit_per_minute = 10_000;
    })
    .await;
    let started = Instant::now();
    let w = build(&app).await;
    let built = started.elapsed();

    let mut cells = 0;
    for row in TABLE {
        let (method, template, _, _, expect) = row;
        let Some(full) = ops.get(&(method.to_string(), template.to_string())) else { continue };
        for (who, want) in expect.iter().enumerate() {
            if *want == NA {
                continue;
            }
            cells += 1;
            let (got, text) = Request::prepare(&app, &w, full, row, who).await.send(&app).await;
            let verdict = match *want {
                S(s) if s == got => None,
                S(s) => Some(format!("expected {s}, got {got}")),
                E::Bug { server, design } => Some(format!(
                    "BUG: the server answers {server} where the design requires {design} \
                     (now {got})"
                )),
                NA => None,
            };
            if let Some(v) = verdict {
                failures.push(format!(
                    "{method} {template} as {}: {v}: {}",
                    WHO[who],
                    text.chars().take(300).collect::<String>()
                ));
            }
        }
    }
    let ran = started.elapsed();
    eprintln!(
        "permission matrix: {} rows, {cells} cells; world built in {built:.1?}, all done in {ran:.1?}",
        TABLE.len()
    );
    assert!(
        failures.is_empty(),
        "{} problem(s) in the permission matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
