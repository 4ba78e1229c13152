//! `POST /me/measurements/batch`

use actix_web::{post, web, HttpResponse};
use kindred_domain::measurement::{find_type, validate};
use kindred_domain::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{respond, MeasurementRequest, MeasurementResponse};
use crate::auth::AuthUser;
use crate::{ApiError, AppState, Json};

/// Most readings in one batch.
pub const MAX_BATCH: usize = 1000;

/// Many readings at once.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// 1–1000 readings.
    pub items: Vec<MeasurementRequest>,
}

/// The stored readings, in request order.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResponse {
    /// Stored (or, for reused client ids, previously stored) readings.
    pub items: Vec<MeasurementResponse>,
    /// How many were new.
    pub created: usize,
}

/// Logs up to 1000 readings in one transaction: all are stored or none. Errors name each bad
/// item by index (`items[3].value`).
#[utoipa::path(post, path = "/api/v1/me/measurements/batch", tag = "measurements", security(("bearer" = [])),
    request_body = BatchRequest,
    responses((status = 201, body = BatchResponse), (status = 422, body = crate::error::Problem)))]
#[post("/me/measurements/batch")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<BatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    if req.items.is_empty() || req.items.len() > MAX_BATCH {
        return Err(ApiError::field(
            "items",
            "invalid_length",
            &format!("Send between 1 and {MAX_BATCH} readings."),
        ));
    }
    let cache = state.measurement_types.clone();
    let items = std::sync::Arc::new(req.items);
    let (stored, types) = super::with_retry(&state, move |c| {
        let types = cache.get(c)?;
        let now = chrono::Utc::now();
        let mut errs = FieldErrors::new();
        let mut valid = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let prefix = format!("items[{i}]");
            let Some(def) = find_type(&types, &item.type_slug) else {
                errs.push(
                    FieldError::new("type", "unknown_type", "Unknown measurement type.")
                        .prefixed(&prefix),
                );
                continue;
            };
            match validate(def, &item.input(), now) {
                Ok(v) => valid.push(v),
                Err(e) => e.0.into_iter().for_each(|fe| errs.push(fe.prefixed(&prefix))),
            }
        }
        if !errs.is_empty() {
            return Err(errs.into());
        }
        Ok((super::store_all(c, &user.id, &valid)?, types))
    })
    .await?;
    let created = stored.iter().filter(|(_, new)| *new).count();
    let items = stored.iter().map(|(m, _)| respond(m, &types)).collect();
    Ok(HttpResponse::Created().json(BatchResponse { items, created }))
}
