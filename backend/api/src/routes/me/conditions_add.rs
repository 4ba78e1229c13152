//! `POST /me/conditions`

use actix_web::{post, web, HttpResponse};
use chrono::Datelike;
use kindred_db::models::condition::UserCondition;
use kindred_db::queries::{audit, conditions};
use kindred_domain::account::{parse_diagnosis_year, ConditionStatus};
use kindred_domain::audit::Action;
use serde::Deserialize;
use utoipa::ToSchema;

use super::conditions_list::MyConditionResponse;
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// A condition to add to my list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddConditionRequest {
    /// The condition's slug (from `GET /conditions`).
    pub condition: String,
    /// Year of diagnosis.
    #[serde(default)]
    pub diagnosis_year: Option<i32>,
    /// Current status.
    pub status: ConditionStatus,
    /// Make it my primary condition (any other stops being primary).
    #[serde(default)]
    pub primary: bool,
}

/// Adds a condition to my list.
#[utoipa::path(post, path = "/api/v1/me/conditions", tag = "me", security(("bearer" = [])),
    request_body = AddConditionRequest,
    responses((status = 201, body = MyConditionResponse), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/conditions")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<AddConditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let diagnosis_year = req
        .diagnosis_year
        .map(|y| parse_diagnosis_year(y, chrono::Utc::now().year()))
        .transpose()?;
    let created = state
        .tx(move |c| {
            let cond = conditions::find_by_slug(c, req.condition.trim())?.ok_or_else(|| {
                ApiError::field(
                    "condition",
                    "unknown_condition",
                    "Choose a condition from the list.",
                )
            })?;
            let uc = UserCondition {
                id: kindred_db::new_id(),
                user_id: user.id.clone(),
                condition_id: cond.id.clone(),
                diagnosis_year,
                status: req.status.as_str().into(),
                is_primary: req.primary,
                created_at: kindred_db::now_utc().naive_utc(),
            };
            conditions::add_for_user(c, &uc)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AccountConditionAdded, Some(&user.id))
                    .subject("user_condition", &uc.id),
            )?;
            Ok(MyConditionResponse::from_rows(&uc, &cond)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}
