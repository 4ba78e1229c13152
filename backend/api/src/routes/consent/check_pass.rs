//! `POST /me/comprehension-check`

use actix_web::{post, web};

use crate::auth::AuthUser;
use crate::views::{ComprehensionAnswers, ComprehensionCheckResponse};
use crate::{ApiError, AppState, Json};

/// Answers the comprehension check. All right: recorded, and consent is possible. Otherwise
/// 422 with one error per question (`answers.<id>`) explaining the right answer.
#[utoipa::path(post, path = "/api/v1/me/comprehension-check", tag = "consent", security(("bearer" = [])),
    request_body = ComprehensionAnswers,
    responses((status = 200, body = ComprehensionCheckResponse), (status = 401, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/comprehension-check")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ComprehensionAnswers>,
) -> Result<web::Json<ComprehensionCheckResponse>, ApiError> {
    let (actor, answers) = (user.actor(), body.into_inner().answers);
    let passed = state
        .db(move |c| Ok(kindred_app::research::consent::pass_check(c, &actor, &answers)?))
        .await?;
    Ok(web::Json(ComprehensionCheckResponse::new(Some(&passed))))
}
