//! Right of access and erasure: the registry of every table that holds data about a member.
//!
//! Each feature that adds a table with a user reference adds one [`UserTable`] entry here,
//! saying how its rows are exported and how they are erased. A test walks the live schema and
//! fails when a table refers to users but is missing from [`USER_TABLES`].

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{json, Map, Value};

use crate::queries::{
    audit, conditions, consents, email_tokens, exports, forum, forum_search, measurements,
    moderation, outbox, questionnaires, research, sessions, studies, users,
};
use crate::{DbConn, DbError};

/// What erasure does to a table's rows about the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erasure {
    /// The rows are deleted.
    Delete,
    /// The row is kept with every personal field cleared (the account tombstone).
    Anonymize,
    /// The rows are kept unchanged, for the stated reason; they hold only the pseudonymous id.
    Retain(&'static str),
}

/// One table that holds data about a member.
pub struct UserTable {
    /// Table name.
    pub table: &'static str,
    /// Columns that refer to the member.
    pub user_columns: &'static [&'static str],
    /// Key in the `/me/export` document (`None`: not exported, e.g. secrets such as token hashes).
    pub export_key: Option<&'static str>,
    /// The key holds one object (the account) rather than a list of rows.
    pub single: bool,
    /// How erasure treats the rows.
    pub erasure: Erasure,
    /// Produces one page of the exported rows, starting after the given position; returns the
    /// rows and the position of the next page (`None`: no more). Large tables page through
    /// [`PAGE`] rows at a time so an export never holds a whole table in memory.
    pub export: fn(&mut DbConn, &str, Option<&str>) -> Result<ExportPage, DbError>,
    /// Erases the rows (run in registry order, inside one transaction).
    pub erase: fn(&mut DbConn, &str, DateTime<Utc>) -> Result<(), DbError>,
}

fn t(v: &NaiveDateTime) -> String {
    v.and_utc().to_rfc3339()
}

fn ot(v: &Option<NaiveDateTime>) -> Value {
    v.as_ref().map(|x| Value::String(t(x))).unwrap_or(Value::Null)
}

/// One page of a table's export: its rows and where the next page starts.
pub type ExportPage = (Vec<Value>, Option<String>);

/// Rows per page for the large tables.
pub const PAGE: i64 = 1000;

fn nothing(_: &mut DbConn, _: &str, _: Option<&str>) -> Result<ExportPage, DbError> {
    Ok((Vec::new(), None))
}

/// The position after a page: the last row's key when the page was full.
fn next_after(len: usize, last: Option<String>) -> Option<String> {
    if len as i64 == PAGE {
        last
    } else {
        None
    }
}

fn keep(_: &mut DbConn, _: &str, _: DateTime<Utc>) -> Result<(), DbError> {
    Ok(())
}

/// Every table with a user reference, in erasure order (children before `users`).
pub const USER_TABLES: &[UserTable] = &[
    UserTable {
        table: "refresh_tokens",
        user_columns: &[], // reached through sessions.user_id
        export_key: None,
        single: false,
        erasure: Erasure::Delete,
        export: nothing,
        erase: keep, // deleted with the sessions below
    },
    UserTable {
        table: "sessions",
        user_columns: &["user_id"],
        export_key: Some("sessions"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = sessions::list_all(c, uid)?;
            Ok((
                rows.iter()
                    .map(|s| {
                        json!({"id": s.id, "created_at": t(&s.created_at), "last_used_at": t(&s.last_used_at),
                           "revoked_at": ot(&s.revoked_at), "revoked_reason": s.revoked_reason,
                           "user_agent": s.user_agent, "ip": s.ip})
                    })
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| sessions::delete_all(c, uid),
    },
    UserTable {
        table: "email_tokens",
        user_columns: &["user_id"],
        export_key: None,
        single: false,
        erasure: Erasure::Delete,
        export: nothing,
        erase: |c, uid, _| email_tokens::delete_all(c, uid),
    },
    UserTable {
        table: "login_failures",
        user_columns: &["user_id"],
        export_key: Some("failed_logins"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            use crate::schema::login_failures::dsl as lf;
            use diesel::prelude::*;
            let rows: Vec<(NaiveDateTime, Option<String>)> = lf::login_failures
                .filter(lf::user_id.eq(uid))
                .order(lf::failed_at.asc())
                .select((lf::failed_at, lf::ip))
                .load(c)?;
            Ok((rows.iter().map(|(at, ip)| json!({"failed_at": t(at), "ip": ip})).collect(), None))
        },
        erase: |c, uid, _| {
            use crate::schema::login_failures::dsl as lf;
            use diesel::prelude::*;
            diesel::delete(lf::login_failures.filter(lf::user_id.eq(uid))).execute(c)?;
            Ok(())
        },
    },
    UserTable {
        table: "outbox",
        user_columns: &["user_id"],
        export_key: Some("emails"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = outbox::list_for_user(c, uid)?;
            Ok((
                rows.iter()
                    .map(|e| json!({"subject": e.subject, "to": e.to_address, "queued_at": t(&e.created_at), "sent_at": ot(&e.sent_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| outbox::delete_for_user(c, uid),
    },
    UserTable {
        table: "user_conditions",
        user_columns: &["user_id"],
        export_key: Some("conditions"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = conditions::list_for_user(c, uid)?;
            Ok((
                rows.iter()
                    .map(|(uc, cond)| {
                        json!({"condition": cond.slug, "name": cond.name, "icd10": cond.icd10,
                           "diagnosis_year": uc.diagnosis_year, "status": uc.status,
                           "primary": uc.is_primary, "added_at": t(&uc.created_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| conditions::delete_for_user(c, uid),
    },
    UserTable {
        table: "measurement_edits",
        user_columns: &["user_id"],
        export_key: Some("measurement_edits"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, after| {
            let rows = measurements::list_edits_for_user(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|e| e.id.clone()));
            Ok((
                rows.iter()
                    .map(|e| json!({"measurement_id": e.measurement_id, "edited_at": t(&e.edited_at),
                        "previous": serde_json::from_str::<Value>(&e.previous).unwrap_or(Value::Null)}))
                    .collect(),
                next,
            ))
        },
        erase: keep, // deleted with the measurements below
    },
    UserTable {
        table: "measurements",
        user_columns: &["user_id"],
        export_key: Some("measurements"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, after| {
            let rows = measurements::list_all_for_user(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|m| m.id.clone()));
            Ok((
                rows.iter()
                    .map(|m| json!({"id": m.id, "type": m.type_slug, "value1": m.value1, "value2": m.value2,
                        "unit": m.unit, "taken_at": t(&m.taken_at), "utc_offset_minutes": m.utc_offset_minutes,
                        "source": m.source, "client_id": m.client_id, "note": m.note, "context": m.context,
                        "created_at": t(&m.created_at), "updated_at": t(&m.updated_at)}))
                    .collect(),
                next,
            ))
        },
        erase: |c, uid, _| measurements::delete_all_for_user(c, uid),
    },
    UserTable {
        table: "display_units",
        user_columns: &["user_id"],
        export_key: Some("display_units"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = measurements::display_units(c, uid)?;
            Ok((
                rows.iter()
                    .map(|d| json!({"type": d.type_slug, "unit": d.unit, "updated_at": t(&d.updated_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| measurements::delete_display_units(c, uid),
    },
    UserTable {
        table: "measurement_targets",
        user_columns: &["user_id"],
        export_key: Some("measurement_targets"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = measurements::targets(c, uid)?;
            Ok((
                rows.iter()
                    .map(|r| {
                        json!({"type": r.type_slug, "low1": r.low1, "high1": r.high1,
                        "low2": r.low2, "high2": r.high2, "updated_at": t(&r.updated_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| measurements::delete_targets(c, uid),
    },
    UserTable {
        table: "health_imports",
        user_columns: &["user_id"],
        export_key: Some("health_imports"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = measurements::health_imports_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|r| {
                        json!({"id": r.id, "state": r.state, "readings": r.readings,
                        "imported": r.imported, "skipped": r.skipped, "error": r.error,
                        "created_at": t(&r.created_at), "finished_at": ot(&r.finished_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| measurements::delete_health_imports(c, uid),
    },
    UserTable {
        table: "response_items",
        user_columns: &["user_id"],
        export_key: Some("response_items"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, after| {
            let rows = questionnaires::all_items_for_user(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|i| i.id.clone()));
            Ok((
                rows.iter()
                    .map(|i| json!({"response_id": i.response_id, "item": i.item_key, "value_number": i.value_number, "value_text": i.value_text}))
                    .collect(),
                next,
            ))
        },
        erase: keep, // deleted with the responses below
    },
    UserTable {
        table: "responses",
        user_columns: &["user_id"],
        export_key: Some("questionnaire_responses"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, after| {
            let rows = questionnaires::all_responses_for_user(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            let mut out = Vec::new();
            // A member answers a handful of questionnaires: one lookup each per page, not
            // one per response.
            let mut slugs: std::collections::HashMap<String, Option<String>> = Default::default();
            for r in rows {
                if !slugs.contains_key(&r.questionnaire_id) {
                    let slug = questionnaires::find(c, &r.questionnaire_id)?.map(|q| q.slug);
                    slugs.insert(r.questionnaire_id.clone(), slug);
                }
                let slug = slugs.get(&r.questionnaire_id).cloned().flatten();
                out.push(json!({"id": r.id, "questionnaire": slug, "submitted_at": t(&r.submitted_at), "score": r.score,
                    "band": r.band, "subscores": serde_json::from_str::<Value>(&r.subscores).unwrap_or(Value::Null),
                    "flags": serde_json::from_str::<Value>(&r.flags).unwrap_or(Value::Null), "client_id": r.client_id}));
            }
            Ok((out, next))
        },
        erase: |c, uid, _| questionnaires::delete_all_for_user(c, uid),
    },
    UserTable {
        table: "community_members",
        user_columns: &["user_id"],
        export_key: Some("community_memberships"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = forum::memberships_by(c, uid)?;
            Ok((
                rows.iter()
                    .map(|(m, slug)| json!({"community": slug, "joined_at": t(&m.joined_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| forum::delete_memberships(c, uid),
    },
    UserTable {
        table: "community_moderators",
        user_columns: &["user_id", "appointed_by"],
        export_key: Some("moderator_of"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = forum::seats_of(c, uid)?;
            Ok((
                rows.iter().map(|(slug, at)| json!({"community": slug, "since": t(at)})).collect(),
                None,
            ))
        },
        // The member's own seats go; seats they appointed as an admin keep the
        // pseudonymous id of who appointed them.
        erase: |c, uid, _| forum::delete_moderator_seats(c, uid),
    },
    UserTable {
        table: "thread_reads",
        user_columns: &["user_id"],
        export_key: None,
        single: false,
        erasure: Erasure::Delete,
        export: nothing,
        erase: |c, uid, _| forum::delete_reads(c, uid),
    },
    UserTable {
        table: "threads",
        user_columns: &["author_id"],
        export_key: Some("threads"),
        single: false,
        erasure: Erasure::Anonymize,
        export: |c, uid, after| {
            let rows = forum::threads_by(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|r| json!({"id": r.id, "community_id": r.community_id, "title": r.title,
                        "anonymous": r.anonymous, "status": r.status, "created_at": t(&r.created_at)}))
                    .collect(),
                next,
            ))
        },
        // Titles are blanked with the posts below (one eraser for both).
        erase: keep,
    },
    UserTable {
        table: "posts",
        user_columns: &["author_id"],
        export_key: Some("posts"),
        single: false,
        erasure: Erasure::Anonymize,
        export: |c, uid, after| {
            let rows = forum::posts_by(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|r| json!({"id": r.id, "thread_id": r.thread_id, "seq": r.seq, "body": r.body,
                        "anonymous": r.anonymous, "status": r.status, "created_at": t(&r.created_at),
                        "edited_at": ot(&r.edited_at)}))
                    .collect(),
                next,
            ))
        },
        // Bodies and titles are blanked (the threads stay readable for the others in them,
        // under "deleted member") and leave the search index.
        erase: |c, uid, now| {
            forum_search::unindex_author(c, uid)?;
            moderation::erase_reports_by(c, uid)?;
            forum::blank_member_content(c, uid, now.naive_utc())
        },
    },
    UserTable {
        table: "reports",
        user_columns: &["reporter_id", "resolved_by"],
        export_key: Some("reports_filed"),
        single: false,
        erasure: Erasure::Anonymize,
        export: |c, uid, after| {
            let rows = moderation::reports_by(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|r| {
                        json!({"id": r.id, "thread_id": r.thread_id, "post_id": r.post_id,
                        "category": r.category, "details": r.details, "status": r.status,
                        "created_at": t(&r.created_at)})
                    })
                    .collect(),
                next,
            ))
        },
        // Details the member wrote are blanked with the posts above; reports they resolved
        // as a moderator keep the pseudonymous id.
        erase: keep,
    },
    UserTable {
        table: "mod_actions",
        user_columns: &["moderator_id", "target_user_id"],
        export_key: Some("moderation_actions_about_me"),
        single: false,
        erasure: Erasure::Retain(
            "the moderation log is each community's accountability record; its rows hold only \
             pseudonymous ids and the moderator's reason, never the member's text",
        ),
        export: |c, uid, after| {
            let rows = moderation::actions_against(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|r| json!({"id": r.id, "action": r.action, "target_kind": r.target_kind,
                        "reason": r.reason, "expires_at": ot(&r.expires_at), "created_at": t(&r.created_at)}))
                    .collect(),
                next,
            ))
        },
        erase: keep,
    },
    UserTable {
        table: "bans",
        user_columns: &["user_id"],
        export_key: Some("bans"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = moderation::bans_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|b| json!({"community_id": b.community_id, "reason": b.reason,
                        "expires_at": ot(&b.expires_at), "lifted_at": ot(&b.lifted_at), "created_at": t(&b.created_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| moderation::delete_bans(c, uid),
    },
    UserTable {
        table: "appeals",
        user_columns: &["user_id", "resolved_by"],
        export_key: Some("appeals"),
        single: false,
        erasure: Erasure::Anonymize,
        export: |c, uid, after| {
            let rows = moderation::appeals_by(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|a| json!({"id": a.id, "mod_action_id": a.mod_action_id, "statement": a.statement,
                        "status": a.status, "resolution_reason": a.resolution_reason, "created_at": t(&a.created_at)}))
                    .collect(),
                next,
            ))
        },
        erase: |c, uid, _| moderation::erase_appeals_by(c, uid),
    },
    UserTable {
        table: "notifications",
        user_columns: &["user_id"],
        export_key: Some("notifications"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, after| {
            let rows = moderation::notifications_by(c, uid, after, PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|r| r.id.clone()));
            Ok((
                rows.iter()
                    .map(|n| {
                        json!({"kind": n.kind, "text": n.text, "link": n.link,
                        "read_at": ot(&n.read_at), "created_at": t(&n.created_at)})
                    })
                    .collect(),
                next,
            ))
        },
        erase: |c, uid, _| moderation::delete_notifications(c, uid),
    },
    UserTable {
        table: "admin_flags",
        user_columns: &["user_id"],
        export_key: Some("admin_flags"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = moderation::flags_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|f| json!({"kind": f.kind, "details": f.details, "created_at": t(&f.created_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| moderation::delete_flags(c, uid),
    },
    UserTable {
        table: "researcher_applications",
        user_columns: &["user_id", "decided_by"],
        export_key: Some("researcher_applications"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = research::applications_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|a| {
                        json!({"id": a.id, "institution": a.institution, "title": a.title,
                        "institutional_email": a.institutional_email, "statement": a.statement,
                        "orcid": a.orcid, "status": a.status, "reason": a.reason,
                        "decided_at": ot(&a.decided_at), "created_at": t(&a.created_at)})
                    })
                    .collect(),
                None,
            ))
        },
        // The member's own applications go (the audit log keeps that they were decided);
        // applications an erased admin decided keep the pseudonymous id.
        erase: |c, uid, _| research::delete_applications_of(c, uid),
    },
    UserTable {
        table: "studies",
        user_columns: &["owner_id", "reviewed_by"],
        export_key: Some("studies_owned"),
        single: false,
        erasure: Erasure::Retain(
            "a study outlives the researcher who drafted it: its participants' consents and \
             exports refer to it, and the row names only the pseudonymous account id",
        ),
        export: |c, uid, _| {
            let rows = studies::owned_by(c, uid)?;
            Ok((
                rows.iter()
                    .map(|s| {
                        json!({"id": s.id, "title": s.title, "status": s.status,
                        "ethics_reference": s.ethics_reference, "created_at": t(&s.created_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: keep,
    },
    UserTable {
        table: "study_members",
        user_columns: &["user_id"],
        export_key: Some("study_memberships"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let rows = studies::memberships_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|m| json!({"study_id": m.study_id, "added_at": t(&m.added_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| studies::delete_memberships_of(c, uid),
    },
    UserTable {
        table: "comprehension_checks",
        user_columns: &["user_id"],
        export_key: Some("comprehension_check"),
        single: false,
        erasure: Erasure::Delete,
        export: |c, uid, _| {
            let row = consents::check_of(c, uid)?;
            Ok((
                row.iter()
                    .map(|k| json!({"version": k.version, "passed_at": t(&k.passed_at)}))
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, _| consents::delete_check_of(c, uid),
    },
    UserTable {
        table: "consent_events",
        user_columns: &["user_id"],
        export_key: Some("consents"),
        single: false,
        erasure: Erasure::Retain(
            "consent events are the append-only record of what was shared with whom; erasure \
             first appends a withdrawal to every active consent, so no later export includes \
             the member, and the rows name only the pseudonymous id",
        ),
        export: |c, uid, _| {
            let rows = consents::events_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|e| {
                        json!({"receipt_id": e.id, "study_id": e.study_id, "kind": e.kind,
                        "version": e.version, "categories": e.category_list(),
                        "consent_sha256": e.consent_sha256, "at": t(&e.created_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: |c, uid, now| {
            for study in consents::studies_consented_by(c, uid)? {
                if let Some(last) = consents::latest(c, &study, uid)? {
                    consents::append(c, &consents::withdrawal_of(&last, now.naive_utc()))?;
                }
            }
            Ok(())
        },
    },
    UserTable {
        table: "data_access",
        user_columns: &["user_id"],
        export_key: Some("data_access"),
        single: false,
        erasure: Erasure::Retain(
            "the data-access log is the record of which export received what; it names only the \
             pseudonymous account id, and erasure stops every later export (consents withdrawn)",
        ),
        export: |c, uid, _| {
            let rows = exports::data_access_of(c, uid)?;
            Ok((
                rows.iter()
                    .map(|(a, e, s)| {
                        json!({"export_id": a.export_id, "study_id": s.id, "study_title": s.title,
                        "categories": a.category_list(), "days_of_data": a.days_of_data,
                        "consent_version": a.consent_version, "format": e.format,
                        "at": t(&a.created_at)})
                    })
                    .collect(),
                None,
            ))
        },
        erase: keep,
    },
    UserTable {
        table: "study_pseudonyms",
        user_columns: &["user_id"],
        export_key: None,
        single: false,
        erasure: Erasure::Delete,
        export: nothing,
        erase: |c, uid, _| exports::delete_pseudonyms_of(c, uid),
    },
    UserTable {
        table: "exports",
        user_columns: &["requested_by"],
        export_key: None,
        single: false,
        erasure: Erasure::Retain(
            "an export's record (study, format, manifest of pseudonyms) is part of the study's \
             audit trail; it names the requesting researcher only by the pseudonymous account id",
        ),
        export: nothing,
        erase: keep,
    },
    UserTable {
        table: "audit_events",
        user_columns: &["actor_id"],
        export_key: Some("audit_trail"),
        single: false,
        erasure: Erasure::Retain(
            "the audit log is append-only and hash-chained; its rows name only the pseudonymous \
             account id, which no longer leads to any personal data once the account is erased",
        ),
        export: |c, uid, after| {
            let rows = audit::list_about(c, uid, after.and_then(|a| a.parse().ok()), PAGE)?;
            let next = next_after(rows.len(), rows.last().map(|e| e.seq.to_string()));
            Ok((
                rows.iter()
                    .map(|e| json!({"seq": e.seq, "at": t(&e.occurred_at), "action": e.action,
                        "by_me": e.actor_id.as_deref() == Some(uid), "subject_type": e.subject_type}))
                    .collect(),
                next,
            ))
        },
        erase: keep,
    },
    UserTable {
        table: "users",
        user_columns: &["id"],
        export_key: Some("account"),
        single: true,
        erasure: Erasure::Anonymize,
        export: |c, uid, _| {
            let Some(u) = users::find(c, uid)? else { return Ok((Vec::new(), None)) };
            Ok((
                vec![json!({"id": u.id, "email": u.email, "handle": u.handle, "role": u.role,
                "status": u.status, "email_verified_at": ot(&u.email_verified_at),
                "visibility": u.visibility, "birth_year": u.birth_year, "sex": u.sex,
                "country": u.country, "notify_email": u.notify_email, "time_zone": u.time_zone, "terms_version": u.terms_version,
                "terms_accepted_at": ot(&u.terms_accepted_at),
                "visibility_chosen_at": ot(&u.visibility_chosen_at), "created_at": t(&u.created_at)})],
                None,
            ))
        },
        erase: |c, uid, now| users::erase(c, uid, now),
    },
];

/// One event of a streamed export.
#[derive(Debug)]
pub enum ExportPart {
    /// A key of the document begins; `single` keys hold one object, the others a list.
    Begin {
        /// The key.
        key: &'static str,
        /// One object rather than a list.
        single: bool,
    },
    /// One row (or the single object) of the current key.
    Row(Value),
    /// The current key ends.
    End,
}

/// Everything held about a member, delivered piece by piece to `sink`, a page of rows at a
/// time: memory stays flat however much the member tracked. Call it inside one
/// [`crate::read_snapshot`] so the pieces are consistent.
pub fn export_each<E: From<DbError>>(
    conn: &mut DbConn,
    user_id: &str,
    sink: &mut dyn FnMut(ExportPart) -> Result<(), E>,
) -> Result<(), E> {
    for table in USER_TABLES {
        let Some(key) = table.export_key else { continue };
        sink(ExportPart::Begin { key, single: table.single })?;
        let mut after: Option<String> = None;
        loop {
            let (rows, next) = (table.export)(conn, user_id, after.as_deref())?;
            for row in rows {
                sink(ExportPart::Row(row))?;
            }
            match next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        sink(ExportPart::End)?;
    }
    Ok(())
}

/// Everything held about a member as one map (small accounts; tests). The API streams with
/// [`export_each`] instead.
pub fn export(conn: &mut DbConn, user_id: &str) -> Result<Map<String, Value>, DbError> {
    let mut out = Map::new();
    let mut current: Option<(&'static str, bool, Vec<Value>)> = None;
    export_each::<DbError>(conn, user_id, &mut |part| {
        match part {
            ExportPart::Begin { key, single } => current = Some((key, single, Vec::new())),
            ExportPart::Row(v) => {
                if let Some((_, _, rows)) = current.as_mut() {
                    rows.push(v);
                }
            }
            ExportPart::End => {
                if let Some((key, single, mut rows)) = current.take() {
                    let v =
                        if single { rows.pop().unwrap_or(Value::Null) } else { Value::Array(rows) };
                    out.insert(key.to_string(), v);
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Erases a member: runs every table's eraser in order. Call inside a write transaction.
pub fn erase(conn: &mut DbConn, user_id: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    for table in USER_TABLES {
        (table.erase)(conn, user_id, now)?;
    }
    Ok(())
}
