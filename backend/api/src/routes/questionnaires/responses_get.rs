//! `GET /me/responses/{id}`

use actix_web::{get, web};
use kindred_db::queries::questionnaires;
use kindred_domain::questionnaire::AnsweredItem;
use serde::Serialize;
use utoipa::ToSchema;

use super::respond::{view, ResponseView};
use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// A response with its answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseDetail {
    /// The result.
    #[serde(flatten)]
    pub response: ResponseView,
    /// The answers, item by item.
    pub answers: Vec<AnsweredItem>,
}

/// One of my responses with its answers. Someone else's answers 404.
#[utoipa::path(get, path = "/api/v1/me/responses/{id}", tag = "questionnaires", security(("bearer" = [])),
    params(("id" = String, Path, description = "Response id")),
    responses((status = 200, body = ResponseDetail), (status = 404, body = crate::error::Problem)))]
#[get("/me/responses/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<web::Json<ResponseDetail>, ApiError> {
    let id = path.into_inner();
    let detail = state
        .db(move |c| {
            let r = questionnaires::find_response_for_user(c, &user.id, &id)?
                .ok_or(ApiError::NotFound)?;
            let q = questionnaires::find(c, &r.questionnaire_id)?.ok_or(ApiError::NotFound)?;
            let version = questionnaires::versions(c, &q.id)?
                .into_iter()
                .find(|v| v.id == r.version_id)
                .map(|v| v.version)
                .unwrap_or(0);
            let answers = questionnaires::response_items(c, &r.id)?
                .into_iter()
                .map(|i| AnsweredItem {
                    key: i.item_key,
                    value_number: i.value_number,
                    value_text: i.value_text,
                })
                .collect();
            Ok(ResponseDetail { response: view(&r, &q.slug, version)?, answers })
        })
        .await?;
    Ok(web::Json(detail))
}
