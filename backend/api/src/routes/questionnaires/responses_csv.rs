//! `GET /me/questionnaires/{slug}/responses.csv`

use actix_web::{get, web, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// My responses to one questionnaire as CSV for a spreadsheet, oldest first: submitted_at,
/// version, score, band, flags (`;`-separated), then one column per item.
#[utoipa::path(get, path = "/api/v1/me/questionnaires/{slug}/responses.csv", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug")),
    responses((status = 200, content_type = "text/csv", body = String,
               description = "Columns: submitted_at, version, score, band, flags, then one per item"),
              (status = 404, body = crate::error::Problem)))]
#[get("/me/questionnaires/{slug}/responses.csv")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = path.into_inner();
    let owner = user.owner();
    let s = slug.clone();
    let csv =
        state.db(move |c| Ok(kindred_app::questionnaires::responses_csv(c, &owner, &s)?)).await?;
    // The slug is a catalog slug (letters, digits, '-'), safe in a file name.
    let name = format!("attachment; filename=\"kindred-{slug}-responses.csv\"");
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", name))
        .insert_header(("Cache-Control", "no-store"))
        .body(csv))
}
