//! `PATCH /communities/{slug}`

use actix_web::{patch, web};
use kindred_app::communities::{ConditionChange, Settings};
use kindred_domain::account::parse_name;
use kindred_domain::forum::{parse_details, CommunityVisibility};
use kindred_domain::FieldErrors;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::views::CommunityResponse;
use crate::{ApiError, AppState};

/// Distinguishes a missing field (leave as is) from `null` (clear it).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A community's settings (send what they should be; `condition` and `archived` may be left
/// out to keep them as they are).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommunityRequest {
    /// Display name.
    #[schema(schema_with = crate::fields::name)]
    pub name: String,
    /// What it is for.
    #[serde(default)]
    #[schema(schema_with = crate::fields::details)]
    pub description: String,
    /// The condition it is about (a catalog slug); `null`: no particular condition; absent:
    /// unchanged.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub condition: Option<Option<String>>,
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
        condition: match req.condition {
            None => ConditionChange::Keep,
            Some(None) => ConditionChange::Clear,
            Some(Some(slug)) => ConditionChange::Set(slug),
        },
        visibility: req.visibility,
        approve_first_posts: req.approve_first_posts,
    };
    let (admin, archived) = (admin.proof().clone(), req.archived);
    let listed = state
        .db(move |c| Ok(kindred_app::communities::update(c, &admin, &slug, &s, archived)?))
        .await?;
    Ok(web::Json(CommunityResponse::try_from(&listed)?))
}
