//! `GET /conditions`

use actix_web::{get, web};
use kindred_db::queries::conditions;

use super::ConditionList;
use crate::views::ConditionResponse;
use crate::{ApiError, AppState};

/// The conditions catalog (public).
#[utoipa::path(get, path = "/api/v1/conditions", tag = "conditions",
    responses((status = 200, body = ConditionList)))]
#[get("/conditions")]
pub async fn handler(state: web::Data<AppState>) -> Result<web::Json<ConditionList>, ApiError> {
    let rows = state.db(|c| Ok(conditions::list(c)?)).await?;
    Ok(web::Json(ConditionList { items: rows.iter().map(ConditionResponse::from).collect() }))
}
