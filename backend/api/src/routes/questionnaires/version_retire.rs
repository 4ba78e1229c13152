//! `POST /questionnaires/{slug}/versions/{version}/retire`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::{audit, questionnaires};

use crate::auth::AdminUser;
use crate::{ApiError, AppState};

/// Retires a published version (admins): it can no longer be answered; past responses keep it.
#[utoipa::path(post, path = "/api/v1/questionnaires/{slug}/versions/{version}/retire", tag = "questionnaires", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Questionnaire slug"), ("version" = i32, Path, description = "Version number")),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/questionnaires/{slug}/versions/{version}/retire")]
pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, version) = path.into_inner();
    state
        .tx(move |c| {
            let (_, v) = super::version_of(c, &slug, version)?;
            if !questionnaires::transition(
                c,
                &v.id,
                "published",
                "retired",
                kindred_db::now_utc().naive_utc(),
            )? {
                return Err(ApiError::Conflict {
                    code: "not_published",
                    detail: format!("Version {version} is {}, not published.", v.status),
                });
            }
            audit::record(
                c,
                &audit::NewAuditEvent::new("admin.questionnaire_retired", Some(&admin.0.id))
                    .subject("questionnaire_version", &v.id)
                    .details(serde_json::json!({"slug": slug, "version": version})),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
