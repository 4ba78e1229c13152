//! `GET /me/export`

use actix_web::{get, web, HttpResponse};
use kindred_db::queries::{audit, privacy};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// Everything Kindred holds about me, as one JSON document (a download).
#[utoipa::path(get, path = "/api/v1/me/export", tag = "me", security(("bearer" = [])),
    responses((status = 200, description = "JSON document with one key per kind of data", body = Object),
              (status = 401, body = crate::error::Problem)))]
#[get("/me/export")]
pub async fn handler(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let uid = user.id.clone();
    let data = state
        .tx(move |c| {
            audit::record(
                c,
                &audit::NewAuditEvent::new("account.exported", Some(&uid)).subject("user", &uid),
            )?;
            Ok(privacy::export(c, &uid)?)
        })
        .await?;
    let doc = serde_json::json!({
        "format": "kindred-export/1",
        "generated_at": kindred_db::now_utc().to_rfc3339(),
        "data": data,
    });
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Disposition", "attachment; filename=\"kindred-export.json\""))
        .json(doc))
}
