//! The span every request runs in, and the one line a failed request leaves in the log.
//!
//! What a request carries may be health data: a query string (`?type=…`, a search for a
//! post's words), a value a parser quotes back in its error (an unknown key, a bad CSV line),
//! a User-Agent. None of that is logged. The span holds the method, the route *template*
//! (`/api/v1/threads/{id}`, never the path as sent), the status and the request id; a failed
//! request adds its problem `code` (a fixed word such as `validation_failed`), never its
//! message. Server errors log their cause where they are raised (`ApiError::Internal`).
//! `tracing-actix-web`'s own error event, which prints the error's `Debug`, is off
//! (`default-features = false` in Cargo.toml).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

use crate::ApiError;

/// The [`RootSpanBuilder`] of every request (see the module).
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request.match_pattern().unwrap_or_else(|| "unmatched".to_string());
        let id = request.extensions().get::<RequestId>().map(ToString::to_string);
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.status_code = tracing::field::Empty,
            request_id = id.as_deref().unwrap_or(""),
            problem = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, error) = match outcome {
            Ok(res) => (res.status(), res.response().error()),
            Err(e) => (e.as_response_error().status_code(), Some(e)),
        };
        span.record("http.status_code", status.as_u16());
        let code = error.and_then(|e| e.as_error::<ApiError>()).map(ApiError::code);
        if let Some(code) = code {
            span.record("problem", code);
        }
        if status.is_client_error() || status.is_server_error() {
            let _entered = span.enter();
            tracing::info!(
                status = status.as_u16(),
                problem = code.unwrap_or(""),
                "request failed"
            );
        }
    }
}
