//! `PATCH /posts/{id}`

use actix_web::{patch, web};
use kindred_domain::forum::parse_body;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::PostResponse;
use crate::{ApiError, AppState, Json};

/// A post's new text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditPostRequest {
    /// Markdown, 1–20,000 characters.
    #[schema(schema_with = crate::fields::post_body)]
    pub body: String,
    /// I saw the privacy findings and publish anyway.
    #[serde(default)]
    pub confirm_privacy_findings: bool,
}

/// Edits one of my posts (published or waiting for approval); moderators can see the text
/// before the edit. The privacy check runs again (422 `privacy_check` unless confirmed).
/// Someone else's post is 403 `not_author`; a removed or deleted one 409 `not_editable`;
/// banned members and archived communities refuse as for a new post.
#[utoipa::path(patch, path = "/api/v1/posts/{id}", tag = "posts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")), request_body = EditPostRequest,
    responses((status = 200, body = PostResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[patch("/posts/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<EditPostRequest>,
) -> Result<web::Json<PostResponse>, ApiError> {
    let req = body.into_inner();
    let text = parse_body(&req.body)?;
    let (actor, id, confirm) = (user.actor(), path.into_inner(), req.confirm_privacy_findings);
    let view = state
        .db(move |c| Ok(kindred_app::communities::posts::edit(c, &actor, &id, &text, confirm)?))
        .await?;
    Ok(web::Json(PostResponse::try_from(&view)?))
}
