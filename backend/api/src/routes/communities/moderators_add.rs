//! `POST /communities/{slug}/moderators`

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Whom to appoint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointModeratorRequest {
    /// The member's handle (an active account).
    #[schema(schema_with = crate::fields::handle)]
    pub handle: String,
}

/// Appoints a member as a moderator of the community (admins). Appointing twice is fine; an
/// unknown handle is 422 on `handle`.
#[utoipa::path(post, path = "/api/v1/communities/{slug}/moderators", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug")), request_body = AppointModeratorRequest,
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/communities/{slug}/moderators")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, req): AdminJson<AppointModeratorRequest>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (admin, slug, handle) = (admin.proof().clone(), path.into_inner(), req.handle);
    state.db(move |c| Ok(kindred_app::communities::appoint(c, &admin, &slug, &handle)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
