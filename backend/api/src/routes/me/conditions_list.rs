//! `GET /me/conditions`

use actix_web::{get, web};
use kindred_db::models::condition::{Condition, UserCondition};
use kindred_domain::account::ConditionStatus;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ConditionResponse;
use crate::{ApiError, AppState};

/// One of my conditions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyConditionResponse {
    /// Id of this entry (use it to remove the entry).
    pub id: String,
    /// The condition.
    pub condition: ConditionResponse,
    /// Year of diagnosis.
    pub diagnosis_year: Option<i32>,
    /// Current status.
    pub status: ConditionStatus,
    /// My primary condition.
    pub primary: bool,
}

impl MyConditionResponse {
    /// From the joined rows.
    pub fn from_rows(uc: &UserCondition, cond: &Condition) -> Result<Self, kindred_db::DbError> {
        Ok(Self {
            id: uc.id.clone(),
            condition: ConditionResponse::from(cond),
            diagnosis_year: uc.diagnosis_year,
            status: uc.status()?,
            primary: uc.is_primary,
        })
    }
}

/// My conditions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyConditionList {
    /// Primary first.
    pub items: Vec<MyConditionResponse>,
}

/// Lists my conditions.
#[utoipa::path(get, path = "/api/v1/me/conditions", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MyConditionList), (status = 401, body = crate::error::Problem)))]
#[get("/me/conditions")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<MyConditionList>, ApiError> {
    let owner = user.owner();
    let rows = state.db(move |c| Ok(kindred_app::accounts::conditions::list(c, &owner)?)).await?;
    Ok(web::Json(MyConditionList {
        items: rows
            .iter()
            .map(|(uc, c)| MyConditionResponse::from_rows(uc, c))
            .collect::<Result<_, _>>()?,
    }))
}
