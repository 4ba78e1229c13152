//! `DELETE /communities/{slug}/moderators/{handle}`

use actix_web::{delete, web, HttpResponse};

use crate::auth::AdminUser;
use crate::{ApiError, AppState};

/// Removes a moderator from the community (admins): 404 when no active member with that
/// handle moderates it.
#[utoipa::path(delete, path = "/api/v1/communities/{slug}/moderators/{handle}", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"),
           ("handle" = String, Path, pattern = "^[A-Za-z0-9_-]{3,30}$", description = "The moderator's handle")),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
#[delete("/communities/{slug}/moderators/{handle}")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, handle) = path.into_inner();
    let admin = admin.proof().clone();
    state.db(move |c| Ok(kindred_app::communities::dismiss(c, &admin, &slug, &handle)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
