//! `GET /me/measurements/extent`

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Which type.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExtentQuery {
    /// Type slug.
    #[serde(rename = "type")]
    #[param(rename = "type", min_length = 1)]
    pub type_slug: String,
}

/// The span of my readings of one type.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExtentResponse {
    /// Type slug.
    #[serde(rename = "type")]
    pub type_slug: String,
    /// How many readings I have of it.
    pub count: i64,
    /// When the first was taken (null: none yet).
    pub first_taken_at: Option<DateTime<Utc>>,
    /// When the last was taken (null: none yet).
    pub last_taken_at: Option<DateTime<Utc>>,
}

/// How many readings of a type I have and when the first and last were taken: a chart's
/// "All" range runs from the first reading to today.
#[utoipa::path(get, path = "/api/v1/me/measurements/extent", tag = "measurements", security(("bearer" = [])),
    params(ExtentQuery), responses((status = 200, body = ExtentResponse), (status = 422, body = crate::error::Problem)))]
#[get("/me/measurements/extent")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<ExtentQuery>,
) -> Result<web::Json<ExtentResponse>, ApiError> {
    let slug = q.into_inner().type_slug;
    let (owner, cache, s) = (user.owner(), state.measurement_types.clone(), slug.clone());
    let (count, first, last) =
        state.db(move |c| Ok(kindred_app::measurements::extent(c, &owner, &cache, &s)?)).await?;
    Ok(web::Json(ExtentResponse {
        type_slug: slug,
        count,
        first_taken_at: first.map(|t| t.and_utc()),
        last_taken_at: last.map(|t| t.and_utc()),
    }))
}
