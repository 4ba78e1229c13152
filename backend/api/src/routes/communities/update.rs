//! `PATCH /communities/{slug}`

use actix_web::{patch, web};
use kindred_app::communities::Settings;
use kindred_domain::account::parse_name;
use kindred_domain::forum::{parse_details, CommunityVisibility};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::views::CommunityResponse;
use crate::{ApiError, AppState};

/// A community's settings (every field; send what it should be).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommunityRequest {
    /// Display name.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// The condition it is about (a catalog slug), if any.
    #[serde(default)]
    pub condition: Option<String>,
    /// `members` or `public`.
    pub visibility: CommunityVisibility,
    /// New members' first posts wait for approval.
    pub approve_first_posts: bool,
    /// Archive (true) or restore (false); absent: unchanged.
    #[serde(default)]
    pub archived: Option<bool>,
}

/// Changes a community's settings, archives or restores it (admins).
#[utoipa::path(patch, path = "/api/v1/communities/{slug}", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")), request_body = UpdateCommunityRequest,
    responses((status = 200, body = CommunityResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[patch("/communities/{slug}")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, req): AdminJson<UpdateCommunityRequest>,
    path: web::Path<String>,
) -> Result<web::Json<CommunityResponse>, ApiError> {
    let slug = path.into_inner();
    let mut errs = FieldErrors::new();
    let name = errs.check(parse_name(&req.name, "name"));
    let description = errs.check(parse_details("description", &req.description));
    let (Some(name), Some(description)) = (name, description) else { return Err(errs.into()) };
    let s = Settings {
        slug: slug.clone(),
        name,
        description,
        condition_slug: req.condition,
        visibility: req.visibility,
        approve_first_posts: req.approve_first_posts,
    };
    let (admin, archived) = (admin.proof().clone(), req.archived);
    let listed = state
        .db(move |c| Ok(kindred_app::communities::update(c, &admin, &slug, &s, archived)?))
        .await?;
    Ok(web::Json(CommunityResponse::try_from(&listed)?))
}
