//! `POST /me/measurements`

use actix_web::{post, web, HttpResponse};
use kindred_db::queries::measurements;
use kindred_db::DbError;
use kindred_domain::measurement::{find_type, validate};
use kindred_domain::FieldError;

use super::{respond, MeasurementRequest, MeasurementResponse};
use crate::auth::Bearer;
use crate::{ApiError, AppState, Json};

/// Logs a reading. 201 when stored; 200 with the stored reading when this `client_id` was
/// already used (a retry).
#[utoipa::path(post, path = "/api/v1/me/measurements", tag = "measurements", security(("bearer" = [])),
    request_body = MeasurementRequest,
    responses((status = 201, body = MeasurementResponse), (status = 200, body = MeasurementResponse, description = "Retry of a stored reading"),
              (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    body: Json<MeasurementRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let cache = state.measurement_types.clone();
    // The common case is a new reading: validate and insert, nothing else. Only when the
    // unique (user, client id) index refuses it is the stored reading looked up.
    let first = state
        .db(move |c| {
            // Session check, catalog and validation happen in this same hop but before the
            // write transaction, so SQLite's single write lock is held only for the insert.
            let user = bearer.live(c)?;
            let types = cache.get(c)?;
            let def = find_type(&types, &req.type_slug).ok_or_else(|| {
                FieldError::new(
                    "type",
                    "unknown_type",
                    "Choose a type from GET /measurement-types.",
                )
            })?;
            let valid = validate(def, &req.input(), chrono::Utc::now())?;
            let m = super::row(&user.id, &valid);
            match kindred_db::write_tx(c, |c| measurements::insert(c, &m)) {
                Ok(()) => Ok(Ok((m, types))),
                Err(DbError::UniqueViolation { .. }) => {
                    Ok(Err((user.id, valid.client_id.unwrap_or_default())))
                }
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    match first {
        Ok((m, types)) => Ok(HttpResponse::Created().json(respond(&m, &types))),
        Err((user_id, client_id)) => {
            let cache = state.measurement_types.clone();
            let (m, types) = state
                .db(move |c| {
                    let m = measurements::find_by_client_id(c, &user_id, &client_id)?
                        .ok_or(ApiError::NotFound)?;
                    Ok((m, cache.get(c)?))
                })
                .await?;
            Ok(HttpResponse::Ok().json(respond(&m, &types)))
        }
    }
}
