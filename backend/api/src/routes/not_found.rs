//! The fallback for unknown routes: a 404 problem.

use actix_web::HttpResponse;

use crate::ApiError;

/// Answers every unmatched request.
pub async fn handler() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}
