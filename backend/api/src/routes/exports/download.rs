//! `GET /exports/{id}/download`

use actix_files::NamedFile;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::auth::AuthUser;
use crate::{ApiError, AppState};

/// The export's zip, streamed from disk with `Range` support (resumable), to the study's
/// researchers only: admins and anyone else 404. Not ready yet: 409 `export_not_ready`; its
/// file deleted after the retention period: 409 `export_expired`. Each download is audited.
#[utoipa::path(get, path = "/api/v1/exports/{id}/download", tag = "exports", security(("bearer" = [])),
    params(("id" = String, Path, description = "Export id")),
    responses((status = 200, description = "The zip", content_type = "application/zip"),
              (status = 206, description = "The requested byte range of the zip"),
              (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 416, description = "Range not satisfiable")))]
#[get("/exports/{id}/download")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (actor, id) = (user.actor(), path.into_inner());
    let files = state.export_files.clone();
    let (e, file) = state
        .db(move |c| Ok(kindred_app::research::exports::download(c, &files, &actor, &id)?))
        .await?;
    let named = NamedFile::open_async(&file)
        .await
        .map_err(|err| ApiError::Internal(anyhow::anyhow!("export file {}: {err}", e.id)))?
        .set_content_type(
            "application/zip".parse().map_err(|_| {
                ApiError::Internal(anyhow::anyhow!("application/zip is a MIME type"))
            })?,
        )
        .set_content_disposition(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("kindred-export-{}.zip", e.id))],
        })
        .use_last_modified(true)
        .use_etag(true);
    Ok(named.into_response(&req))
}
