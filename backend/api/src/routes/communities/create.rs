//! `POST /communities`

use actix_web::{post, web, HttpResponse};
use kindred_app::communities::{ConditionChange, Settings};
use kindred_domain::account::{parse_name, parse_slug};
use kindred_domain::forum::{parse_details, CommunityVisibility};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::views::CommunityResponse;
use crate::{ApiError, AppState};

/// A new community.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommunityRequest {
    /// URL name: 2–60 lower-case letters, digits, `-`.
    #[schema(schema_with = crate::fields::slug)]
    pub slug: String,
    /// Display name.
    #[schema(schema_with = crate::fields::name)]
    pub name: String,
    /// What it is for (at most 2,000 characters).
    #[serde(default)]
    #[schema(schema_with = crate::fields::details)]
    pub description: String,
    /// The condition it is about (a catalog slug), if any.
    #[serde(default)]
    #[schema(schema_with = crate::fields::slug_or_null)]
    pub condition: Option<String>,
    /// `members` (default) or `public`.
    #[serde(default)]
    pub visibility: Option<CommunityVisibility>,
    /// New members' first posts wait for approval (default false).
    #[serde(default)]
    pub approve_first_posts: bool,
}

/// Creates a community (admins).
#[utoipa::path(post, path = "/api/v1/communities", tag = "communities", security(("bearer" = [])),
    request_body = CreateCommunityRequest,
    responses((status = 201, body = CommunityResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/communities")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, req): AdminJson<CreateCommunityRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errs = FieldErrors::new();
    let slug = errs.check(parse_slug(&req.slug, "slug"));
    let name = errs.check(parse_name(&req.name, "name"));
    let description = errs.check(parse_details("description", &req.description));
    let (Some(slug), Some(name), Some(description)) = (slug, name, description) else {
        return Err(errs.into());
    };
    let s = Settings {
        slug,
        name,
        description,
        condition: req.condition.map_or(ConditionChange::Clear, ConditionChange::Set),
        visibility: req.visibility.unwrap_or(CommunityVisibility::Members),
        approve_first_posts: req.approve_first_posts,
    };
    let admin = admin.proof().clone();
    let listed = state.db(move |c| Ok(kindred_app::communities::create(c, &admin, &s)?)).await?;
    Ok(HttpResponse::Created().json(CommunityResponse::try_from(&listed)?))
}
