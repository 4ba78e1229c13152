//! `GET /me/invitations`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::{InvitationList, InvitationResponse};
use crate::{ApiError, AppState};

/// Approved, running studies I am eligible for (by my conditions or communities): what each
/// is about, who runs it, what it asks for and why, the consent text and its SHA-256, and my
/// consent so far.
#[utoipa::path(get, path = "/api/v1/me/invitations", tag = "consent", security(("bearer" = [])),
    responses((status = 200, body = InvitationList), (status = 401, body = crate::error::Problem)))]
#[get("/me/invitations")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<InvitationList>, ApiError> {
    let actor = user.actor();
    let rows =
        state.db(move |c| Ok(kindred_app::research::consent::invitations(c, &actor)?)).await?;
    Ok(web::Json(InvitationList { items: rows.iter().map(InvitationResponse::from).collect() }))
}
