//! `GET /admin/researchers`

use actix_web::{get, web};
use kindred_domain::research::ApplicationStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AdminUser;
use crate::pagination::PageQuery;
use crate::views::ApplicationResponse;
use crate::{ApiError, AppState};

/// Which applications, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApplicationsQuery {
    /// `pending` (default), `approved` or `rejected`.
    pub status: Option<ApplicationStatus>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
    pub cursor: Option<String>,
}

/// A page of applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationList {
    /// Oldest first.
    pub items: Vec<ApplicationResponse>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
}

/// Researcher applications in one status, oldest first (admins).
#[utoipa::path(get, path = "/api/v1/admin/researchers", tag = "admin", security(("bearer" = [])),
    params(ApplicationsQuery),
    responses((status = 200, body = ApplicationList), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[get("/admin/researchers")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    q: web::Query<ApplicationsQuery>,
) -> Result<web::Json<ApplicationList>, ApiError> {
    let q = q.into_inner();
    let page = PageQuery { limit: q.limit, cursor: q.cursor };
    let (limit, cursor) = (page.limit()?, page.cursor()?);
    let (admin, status) = (admin.proof().clone(), q.status.unwrap_or(ApplicationStatus::Pending));
    let (rows, next_cursor) = state
        .db(move |c| {
            Ok(kindred_app::research::applications::list(
                c,
                &admin,
                status,
                cursor.as_ref(),
                limit,
            )?)
        })
        .await?;
    let items = rows.iter().map(ApplicationResponse::try_from).collect::<Result<_, _>>()?;
    Ok(web::Json(ApplicationList { items, next_cursor }))
}
