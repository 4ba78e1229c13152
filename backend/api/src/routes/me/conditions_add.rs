//! `POST /me/conditions`

use actix_web::{post, web, HttpResponse};
use chrono::Datelike;
use kindred_app::accounts::conditions::{self, AddCondition};
use kindred_domain::account::{parse_diagnosis_year, ConditionStatus};
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
    #[schema(schema_with = crate::fields::slug)]
    pub condition: String,
    /// Year of diagnosis.
    #[serde(default)]
    #[schema(minimum = 1900)]
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
    let add = AddCondition {
        slug: req.condition,
        diagnosis_year,
        status: req.status,
        primary: req.primary,
    };
    let owner = user.owner();
    let (uc, cond) = state.db(move |c| Ok(conditions::add(c, &owner, &add)?)).await?;
    Ok(HttpResponse::Created().json(MyConditionResponse::from_rows(&uc, &cond)?))
}
