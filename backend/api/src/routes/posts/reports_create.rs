//! `POST /posts/{id}/reports`

use actix_web::{post, web, HttpResponse};
use kindred_app::communities::moderation::Target;
use kindred_domain::forum::parse_details;

use crate::auth::AuthUser;
use crate::views::{NewReportRequest, ReportReceipt};
use crate::{ApiError, AppState, Json};

/// Reports a published post to the community's moderators. Needs a confirmed address and
/// membership (403); a post I may not see is 404, one not published 409 `not_reportable`.
/// The answer is my report, without the snapshot moderators see.
#[utoipa::path(post, path = "/api/v1/posts/{id}/reports", tag = "posts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Post id")), request_body = NewReportRequest,
    responses((status = 201, body = ReportReceipt), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/posts/{id}/reports")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: Json<NewReportRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let details = parse_details("details", &req.details)?;
    let (actor, target, category) = (user.actor(), Target::Post(path.into_inner()), req.category);
    let report = state
        .db(move |c| {
            Ok(kindred_app::communities::moderation::report(
                c, &actor, &target, category, &details,
            )?)
        })
        .await?;
    Ok(HttpResponse::Created().json(ReportReceipt::try_from(&report)?))
}
