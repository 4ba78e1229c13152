//! `GET /me/data-access`

use actix_web::{get, web};

use crate::auth::AuthUser;
use crate::views::DataAccessList;
use crate::{ApiError, AppState};

/// My data-access log: every research export that included me — which study, which of my
/// categories, how many days of data, when — newest first. Withdrawing consent stops future
/// exports; past ones stay listed.
#[utoipa::path(get, path = "/api/v1/me/data-access", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = DataAccessList), (status = 401, body = crate::error::Problem)))]
#[get("/me/data-access")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
) -> Result<web::Json<DataAccessList>, ApiError> {
    let actor = user.actor();
    let rows =
        state.db(move |c| Ok(kindred_app::research::exports::data_access(c, &actor)?)).await?;
    Ok(web::Json(DataAccessList::from(rows)))
}
