//! `GET /questionnaires`

use actix_web::{get, web};
use kindred_db::queries::questionnaires;
use serde::Serialize;
use utoipa::ToSchema;

use super::{summary, QuestionnaireSummary};
use crate::{ApiError, AppState};

/// The catalog.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireList {
    /// By title.
    pub items: Vec<QuestionnaireSummary>,
}

/// Lists the questionnaires.
#[utoipa::path(get, path = "/api/v1/questionnaires", tag = "questionnaires", responses((status = 200, body = QuestionnaireList)))]
#[get("/questionnaires")]
pub async fn handler(state: web::Data<AppState>) -> Result<web::Json<QuestionnaireList>, ApiError> {
    let items = state
        .db(|c| {
            let mut out = Vec::new();
            for q in questionnaires::list(c)? {
                let versions = questionnaires::versions(c, &q.id)?;
                out.push(summary(&q, &versions)?);
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(QuestionnaireList { items }))
}
