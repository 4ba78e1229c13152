//! Outcome questionnaires (DESIGN §6.4): lookups shared by the catalog, the scored submission
//! of a response, and the admin's version lifecycle (draft → published → retired).

use kindred_db::models::questionnaire::{
    Questionnaire, QuestionnaireVersion, Response, ResponseContext,
};
use kindred_db::queries::{audit, questionnaires};
use kindred_db::{DbConn, DbError};
use kindred_domain::audit::Action;
use kindred_domain::questionnaire::{evaluate, Definition, VersionStatus};
use kindred_domain::FieldError;

use crate::authz::{Admin, Owner};
use crate::AppError;

/// The questionnaire with this slug, or not found.
pub fn by_slug(c: &mut DbConn, slug: &str) -> Result<Questionnaire, AppError> {
    questionnaires::find_by_slug(c, slug)?.ok_or(AppError::NotFound)
}

/// One version of a questionnaire, or not found.
pub fn version_of(
    c: &mut DbConn,
    slug: &str,
    version: i32,
) -> Result<(Questionnaire, QuestionnaireVersion), AppError> {
    let q = by_slug(c, slug)?;
    let v = questionnaires::version(c, &q.id, version)?.ok_or(AppError::NotFound)?;
    Ok((q, v))
}

/// Every version of a questionnaire, drafts and retired ones included, oldest first
/// (admins: drafts are never shown to anyone else); `status` keeps only those in it.
pub fn all_versions(
    c: &mut DbConn,
    _admin: &Admin,
    slug: &str,
    status: Option<VersionStatus>,
) -> Result<Vec<QuestionnaireVersion>, AppError> {
    let q = by_slug(c, slug)?;
    let mut out = Vec::new();
    for v in questionnaires::versions(c, &q.id)? {
        // A status that does not parse is an error, even when it would be filtered out.
        let got = v.status()?;
        if status.is_none_or(|s| s == got) {
            out.push(v);
        }
    }
    Ok(out)
}

/// A stored version's definition (one that does not parse is an internal error).
pub fn definition(v: &QuestionnaireVersion) -> Result<Definition, AppError> {
    serde_json::from_str(&v.definition).map_err(AppError::internal)
}

/// The published versions among `versions` (a status that does not parse is an error).
pub fn published(
    versions: &[QuestionnaireVersion],
) -> Result<Vec<&QuestionnaireVersion>, AppError> {
    let mut out = Vec::new();
    for v in versions {
        if v.status()? == VersionStatus::Published {
            out.push(v);
        }
    }
    Ok(out)
}

/// A submitted response: the stored row, the version number it answered, and whether it is
/// new (`false`: the `client_id` was used before and this is the response stored then).
#[derive(Debug, Clone)]
pub struct Submitted {
    /// The stored response.
    pub response: Response,
    /// The questionnaire's slug.
    pub slug: String,
    /// The version answered.
    pub version: i32,
    /// Stored now.
    pub created: bool,
}

/// Scores and stores the owner's answers to a published version; a `client_id` used before
/// returns the response stored then. Retired or draft versions cannot be answered.
pub fn submit(
    c: &mut DbConn,
    owner: &Owner,
    slug: &str,
    version: i32,
    answers: &serde_json::Map<String, serde_json::Value>,
    client_id: Option<&str>,
) -> Result<Submitted, AppError> {
    kindred_db::write_tx(c, |c| {
        let q = by_slug(c, slug)?;
        let found = |c: &mut DbConn, cid: &str| -> Result<Option<Submitted>, AppError> {
            let Some(existing) = questionnaires::find_response_by_client_id(c, owner.id(), cid)?
            else {
                return Ok(None);
            };
            let v = questionnaires::versions(c, &q.id)?
                .into_iter()
                .find(|v| v.id == existing.version_id)
                .map(|v| v.version)
                .unwrap_or(version);
            Ok(Some(Submitted {
                response: existing,
                slug: q.slug.clone(),
                version: v,
                created: false,
            }))
        };
        if let Some(cid) = client_id {
            if let Some(done) = found(c, cid)? {
                return Ok(done);
            }
        }
        let v = questionnaires::version(c, &q.id, version)?.ok_or_else(|| {
            FieldError::new("version", "unknown_version", "This questionnaire has no such version.")
        })?;
        let status = v.status()?;
        if status != VersionStatus::Published {
            return Err(AppError::Conflict {
                code: "version_not_open",
                detail: format!(
                    "Version {} is {} and cannot be answered.",
                    v.version,
                    status.as_str()
                ),
            });
        }
        let eval = evaluate(&definition(&v)?, answers)?;
        let (r, items) = Response::from_evaluation(
            ResponseContext {
                user_id: owner.id(),
                questionnaire_id: &q.id,
                version_id: &v.id,
                client_id,
                submitted_at: kindred_db::now_utc().naive_utc(),
            },
            &eval,
        );
        match kindred_db::write_tx(c, |c| questionnaires::insert_response(c, &r, &items)) {
            Ok(()) => Ok(Submitted {
                response: r,
                slug: q.slug.clone(),
                version: v.version,
                created: true,
            }),
            Err(DbError::UniqueViolation { .. }) => {
                found(c, client_id.unwrap_or_default())?.ok_or(AppError::NotFound)
            }
            Err(e) => Err(e.into()),
        }
    })
}

/// Adds a questionnaire (its fields already parsed) linked to conditions from the catalog
/// (an unknown one is refused on `conditions[i]`), audited.
pub fn create(
    c: &mut DbConn,
    admin: &Admin,
    q: &Questionnaire,
    condition_slugs: &[String],
) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        questionnaires::insert(c, q)?;
        for (i, slug) in condition_slugs.iter().enumerate() {
            let cond =
                kindred_db::queries::conditions::find_by_slug(c, slug)?.ok_or_else(|| {
                    FieldError::new(
                        format!("conditions[{i}]"),
                        "unknown_condition",
                        "No such condition.",
                    )
                })?;
            questionnaires::link_condition(c, &q.id, &cond.id)?;
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminQuestionnaireCreated, Some(admin.id()))
                .subject("questionnaire", &q.id),
        )?;
        Ok(())
    })
}

/// Adds a draft version with a checked definition (its JSON), numbered after the last one,
/// audited.
pub fn add_version(
    c: &mut DbConn,
    admin: &Admin,
    slug: &str,
    definition_json: &str,
) -> Result<QuestionnaireVersion, AppError> {
    kindred_db::write_tx(c, |c| {
        let q = by_slug(c, slug)?;
        let next =
            questionnaires::versions(c, &q.id)?.iter().map(|v| v.version).max().unwrap_or(0) + 1;
        let v = QuestionnaireVersion {
            id: kindred_db::new_id(),
            questionnaire_id: q.id.clone(),
            version: next,
            status: VersionStatus::Draft.as_str().into(),
            definition: definition_json.to_string(),
            created_at: kindred_db::now_utc().naive_utc(),
            published_at: None,
            retired_at: None,
        };
        questionnaires::insert_version(c, &v)?;
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminQuestionnaireVersionCreated, Some(admin.id()))
                .subject("questionnaire_version", &v.id),
        )?;
        Ok(v)
    })
}

/// Replaces a draft's definition (a published or retired version is a conflict), audited.
pub fn update_draft(
    c: &mut DbConn,
    admin: &Admin,
    (slug, version): (&str, i32),
    definition_json: &str,
) -> Result<QuestionnaireVersion, AppError> {
    kindred_db::write_tx(c, |c| {
        let (q, v) = version_of(c, slug, version)?;
        if !questionnaires::update_draft(c, &v.id, definition_json)? {
            return Err(AppError::Conflict {
                code: "version_immutable",
                detail: format!(
                    "Version {version} is {} and can no longer change; add a new version.",
                    v.status()?.as_str()
                ),
            });
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(Action::AdminQuestionnaireVersionUpdated, Some(admin.id()))
                .subject("questionnaire_version", &v.id),
        )?;
        questionnaires::version(c, &q.id, version)?.ok_or(AppError::NotFound)
    })
}

/// Publishes a draft: members can answer it, and it can never change again.
pub fn publish(c: &mut DbConn, admin: &Admin, slug: &str, version: i32) -> Result<(), AppError> {
    change_status(
        c,
        admin,
        (slug, version),
        (VersionStatus::Draft, VersionStatus::Published),
        (Action::AdminQuestionnairePublished, "not_a_draft"),
    )
}

/// Retires a published version: it can no longer be answered; past responses keep it.
pub fn retire(c: &mut DbConn, admin: &Admin, slug: &str, version: i32) -> Result<(), AppError> {
    change_status(
        c,
        admin,
        (slug, version),
        (VersionStatus::Published, VersionStatus::Retired),
        (Action::AdminQuestionnaireRetired, "not_published"),
    )
}

/// Moves a version between statuses and audits it; a conflict with `code` when the version
/// is not in `from`.
fn change_status(
    c: &mut DbConn,
    admin: &Admin,
    (slug, version): (&str, i32),
    (from, to): (VersionStatus, VersionStatus),
    (action, code): (Action, &'static str),
) -> Result<(), AppError> {
    kindred_db::write_tx(c, |c| {
        let (_, v) = version_of(c, slug, version)?;
        if !questionnaires::transition(c, &v.id, from, to, kindred_db::now_utc().naive_utc())? {
            return Err(AppError::Conflict {
                code,
                detail: format!(
                    "Version {version} is {}, not {}.",
                    v.status()?.as_str(),
                    from.as_str()
                ),
            });
        }
        audit::record(
            c,
            &audit::NewAuditEvent::new(action, Some(admin.id()))
                .subject("questionnaire_version", &v.id)
                .details(serde_json::json!({"slug": slug, "version": version})),
        )?;
        Ok(())
    })
}

/// A questionnaire due for a member.
#[derive(Debug, Clone)]
pub struct Due {
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// The version to answer (the latest published).
    pub version: i32,
    /// The member's last response to it, or to a questionnaire that covers it.
    pub last: Option<chrono::DateTime<chrono::Utc>>,
    /// When it fell due (`None`: never answered).
    pub due_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// The questionnaires linked to the owner's conditions whose recommended interval has passed
/// since their last response, or that they never answered; never-answered first, then longest
/// overdue. A response to a questionnaire whose latest published definition `covers` another
/// (PHQ-9 covers PHQ-2) counts as a response to that one too.
pub fn due(
    c: &mut DbConn,
    owner: &Owner,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Due>, AppError> {
    // Who covers whom: the catalog is a handful of rows.
    let mut coverers: std::collections::HashMap<String, Vec<String>> = Default::default();
    for q in questionnaires::list(c)? {
        let versions = questionnaires::versions(c, &q.id)?;
        if let Some(v) = published(&versions)?.into_iter().max_by_key(|v| v.version) {
            for slug in definition(v)?.covers {
                coverers.entry(slug).or_default().push(q.id.clone());
            }
        }
    }
    let mut out = Vec::new();
    for q in questionnaires::linked_to_user(c, owner.id())? {
        let versions = questionnaires::versions(c, &q.id)?;
        let Some(version) = published(&versions)?.iter().map(|v| v.version).max() else {
            continue;
        };
        let mut last = questionnaires::last_response_at(c, owner.id(), &q.id)?;
        for other in coverers.get(&q.slug).into_iter().flatten() {
            last = last.max(questionnaires::last_response_at(c, owner.id(), other)?);
        }
        let last = last.map(|t| t.and_utc());
        let due_since =
            last.map(|t| t + chrono::TimeDelta::days(i64::from(q.recommended_interval_days)));
        if due_since.is_none_or(|d| d <= now) {
            out.push(Due { questionnaire: q, version, last, due_since });
        }
    }
    out.sort_by_key(|d| d.due_since);
    Ok(out)
}

/// The owner's responses to one questionnaire as CSV for a spreadsheet, oldest first: when,
/// the version answered, score, band, flags, then one column per item (in the order of the
/// newest version's items, then any that only older versions asked). Text answers are defused
/// so no spreadsheet runs them as a formula. An unknown questionnaire is not found.
pub fn responses_csv(c: &mut DbConn, owner: &Owner, slug: &str) -> Result<String, AppError> {
    use kindred_domain::csv_cell::safe;
    let q = by_slug(c, slug)?;
    let versions = questionnaires::versions(c, &q.id)?;
    let mut number_of = std::collections::HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut newest_first: Vec<&QuestionnaireVersion> = versions.iter().collect();
    newest_first.sort_by_key(|v| std::cmp::Reverse(v.version));
    for v in newest_first {
        number_of.insert(v.id.clone(), v.version);
        for item in definition(v)?.items {
            if !keys.contains(&item.key) {
                keys.push(item.key);
            }
        }
    }
    let mut rows = Vec::new();
    let mut before = None;
    loop {
        let page = questionnaires::list_responses(c, owner.id(), Some(&q.id), before, 1000)?;
        let full = page.len() == 1000;
        before = page.last().map(|r| (r.submitted_at, r.id.clone()));
        rows.extend(page);
        if !full {
            break;
        }
    }
    rows.reverse();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["submitted_at".to_string(), "version".into(), "score".into()];
    header.extend(["band".to_string(), "flags".into()]);
    header.extend(keys.iter().cloned());
    w.write_record(&header).map_err(AppError::internal)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let items_of = questionnaires::response_items_of(c, &ids)?;
    let none = Vec::new();
    for r in &rows {
        let items = items_of.get(&r.id).unwrap_or(&none);
        let flags: Vec<String> = serde_json::from_str(&r.flags).unwrap_or_default();
        let mut record = vec![
            r.submitted_at.and_utc().to_rfc3339(),
            number_of.get(&r.version_id).map(|v| v.to_string()).unwrap_or_default(),
            r.score.map(|s| s.to_string()).unwrap_or_default(),
            safe(r.band.as_deref().unwrap_or("")).into_owned(),
            flags.join(";"),
        ];
        for k in &keys {
            let cell = items.iter().find(|i| &i.item_key == k).map(|i| {
                match (&i.value_number, &i.value_text) {
                    (Some(n), _) => n.to_string(),
                    (None, Some(t)) => safe(t).into_owned(),
                    (None, None) => String::new(),
                }
            });
            record.push(cell.unwrap_or_default());
        }
        w.write_record(&record).map_err(AppError::internal)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(AppError::internal)
}
