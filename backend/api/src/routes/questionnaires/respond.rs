//! `POST /questionnaires/{slug}/responses`

use std::collections::BTreeMap;

use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use kindred_db::models::questionnaire::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// Answers to one version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondRequest {
    /// The version answered (from `GET /questionnaires/{slug}`).
    #[schema(minimum = 1)]
    pub version: i32,
    /// Answers keyed by item key: a number for choice/number items, a list for multi-choice,
    /// true/false, text, or `YYYY-MM-DD`. Leave out items that are not enabled.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// Your id for this submission: sending it again returns the stored response.
    #[serde(default)]
    #[schema(schema_with = crate::fields::client_id)]
    pub client_id: Option<String>,
}

/// A scored response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseView {
    /// Id.
    pub id: String,
    /// Questionnaire slug.
    pub questionnaire: String,
    /// Version answered.
    pub version: i32,
    /// When submitted.
    pub submitted_at: DateTime<Utc>,
    /// Total score.
    pub score: Option<f64>,
    /// Subscale scores.
    pub subscores: BTreeMap<String, f64>,
    /// Band of the total score (e.g. `moderate`).
    pub band: Option<String>,
    /// Flags raised.
    pub flags: Vec<String>,
    /// True when the answers suggest a risk of self-harm: show crisis resources at once.
    /// Nobody else is notified.
    pub show_crisis_resources: bool,
}

/// Builds the view of a stored response.
pub fn view(r: &Response, slug: &str, version: i32) -> Result<ResponseView, ApiError> {
    // A stored response whose flags do not parse is an error: reading it as "no flags" would
    // silently drop `self_harm_risk`.
    let flags = r.flags()?;
    Ok(ResponseView {
        id: r.id.clone(),
        questionnaire: slug.to_string(),
        version,
        submitted_at: r.submitted_at.and_utc(),
        score: r.score,
        subscores: serde_json::from_str(&r.subscores).unwrap_or_default(),
        band: r.band.clone(),
        show_crisis_resources: flags.iter().any(|f| f == "self_harm_risk"),
        flags,
    })
}

/// Submits answers. Every answer is checked against the version; the score, subscores,
/// band and flags are computed on the server. 201, or 200 with the stored response when
/// this `client_id` was already used. Retired or unknown versions cannot be answered.
#[utoipa::path(post, path = "/api/v1/questionnaires/{slug}/responses", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug")), request_body = RespondRequest,
    responses((status = 201, body = ResponseView), (status = 200, body = ResponseView, description = "Retry"),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/questionnaires/{slug}/responses")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<RespondRequest>,
) -> Result<HttpResponse, ApiError> {
    let slug = path.into_inner();
    let req = body.into_inner();
    if let Some(cid) = &req.client_id {
        if cid.is_empty()
            || cid.len() > 100
            || !cid.chars().all(|c| c.is_ascii_alphanumeric() || "._:-".contains(c))
        {
            return Err(ApiError::field(
                "client_id",
                "invalid_client_id",
                "Use 1–100 letters, digits, '.', '_', ':' or '-'.",
            ));
        }
    }
    let owner = user.owner();
    let done = state
        .db(move |c| {
            let cid = req.client_id.as_deref();
            Ok(kindred_app::questionnaires::submit(
                c,
                &owner,
                &slug,
                req.version,
                &req.answers,
                cid,
            )?)
        })
        .await?;
    let view = view(&done.response, &done.slug, done.version)?;
    Ok(if done.created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}
