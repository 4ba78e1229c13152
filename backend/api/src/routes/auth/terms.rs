//! `GET /terms`

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

/// The terms in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermsResponse {
    /// The version (a date) of the terms of use, privacy notice and medical disclaimer that
    /// sign-up records as accepted (`accepted_terms`).
    pub version: String,
}

/// Which version of the terms of use, privacy notice and medical disclaimer is in force.
#[utoipa::path(get, path = "/api/v1/terms", tag = "auth", responses((status = 200, body = TermsResponse)))]
#[get("/terms")]
pub async fn handler() -> web::Json<TermsResponse> {
    web::Json(TermsResponse { version: kindred_domain::account::TERMS_VERSION.to_string() })
}
