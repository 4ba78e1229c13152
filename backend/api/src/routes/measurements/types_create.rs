//! `POST /measurement-types`

use actix_web::{post, web, HttpResponse};
use kindred_db::models::measurement::MeasurementTypeRow;
use kindred_db::queries::{audit, measurements};
use kindred_domain::audit::Action;
use kindred_domain::measurement::{validate_type_def, MeasurementTypeDef};

use crate::auth::AdminJson;
use crate::{ApiError, AppState};

/// Adds a measurement type (admins).
#[utoipa::path(post, path = "/api/v1/measurement-types", tag = "measurements", security(("bearer" = [])),
    request_body = MeasurementTypeDef,
    responses((status = 201, body = MeasurementTypeDef), (status = 403, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/measurement-types")]
pub async fn handler(
    state: web::Data<AppState>,
    AdminJson(admin, body): AdminJson<MeasurementTypeDef>,
) -> Result<HttpResponse, ApiError> {
    let def = body;
    validate_type_def(&def)?;
    let json = serde_json::to_string(&def).map_err(ApiError::internal)?;
    let slug = def.slug.clone();
    state
        .tx(move |c| {
            let row = MeasurementTypeRow {
                slug: slug.clone(),
                definition: json,
                builtin: false,
                created_at: kindred_db::now_utc().naive_utc(),
            };
            measurements::insert_type(c, &row)?;
            audit::record(
                c,
                &audit::NewAuditEvent::new(Action::AdminMeasurementTypeCreated, Some(&admin.0.id))
                    .subject("measurement_type", &slug),
            )?;
            Ok(())
        })
        .await?;
    state.measurement_types.clear();
    Ok(HttpResponse::Created().json(def))
}
