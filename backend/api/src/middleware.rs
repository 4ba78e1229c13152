//! The edge policy every request passes through: body-size gate, error-to-problem conversion,
//! security headers, request id echo, and metrics.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, ResponseError};

use crate::{ApiError, AppState};

/// The strict policy for the web app's HTML: only our own scripts, styles and images.
const CSP_APP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/// Swagger UI sets inline styles at run time; everything is still served from here.
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The edge middleware (see the module docs).
pub async fn edge(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let path = req.path().to_string();
    let method = req.method().to_string();

    let limit = match &state {
        Some(s) if path.ends_with("/import") => s.config.import_body_limit,
        Some(s) if path.ends_with("/imports/apple-health") => {
            usize::try_from(s.config.health_upload_limit).unwrap_or(usize::MAX)
        }
        Some(s) => s.config.body_limit,
        None => 1024 * 1024,
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    // A NUL in a path or query value can never name anything, and PostgreSQL text cannot
    // hold one: refuse it here instead of deep inside a query.
    let nul = |s: &str| s.as_bytes().windows(3).any(|w| w == b"%00");
    let nul_query = req.uri().query().is_some_and(nul);
    let nul_path = nul(req.uri().path());
    let mut res = match declared {
        _ if nul_path => req.into_response(ApiError::NotFound.error_response()),
        _ if nul_query => req.into_response(
            ApiError::field("query", "invalid_character", "The query holds a NUL character.")
                .error_response(),
        ),
        Some(n) if n > limit => {
            req.into_response(ApiError::PayloadTooLarge { limit }.error_response())
        }
        // Handler errors arrive here already rendered as responses; an `Err` can only come
        // from inner middleware and is rendered by actix itself.
        _ => next.call(req).await?.map_into_boxed_body(),
    };

    security_headers(&path, res.headers_mut());
    let request_id = res.request().extensions().get::<tracing_actix_web::RequestId>().copied();
    if let Some(id) = request_id {
        if let Ok(v) = HeaderValue::from_str(&id.to_string()) {
            res.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
        }
    }
    if let Some(s) = state {
        let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_string());
        s.metrics.observe(&method, &route, res.status().as_u16(), started.elapsed());
    }
    Ok(res)
}

fn set(h: &mut HeaderMap, name: HeaderName, value: &'static str) {
    h.insert(name, HeaderValue::from_static(value));
}

/// Adds the security headers: on everything, plus `no-store` on API answers, a CSP on HTML and
/// long caching on content-hashed assets.
fn security_headers(path: &str, h: &mut HeaderMap) {
    set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(h, HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    let docs = path == "/api/docs" || path.starts_with("/api/docs/");
    let is_html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if is_html {
        set(h, header::CONTENT_SECURITY_POLICY, if docs { CSP_DOCS } else { CSP_APP });
    }
    let api =
        (path.starts_with("/api/") && !docs) || matches!(path, "/healthz" | "/readyz" | "/metrics");
    if api {
        set(h, header::CACHE_CONTROL, "no-store");
    } else if path.starts_with("/assets/") {
        set(h, header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    } else if is_html {
        set(h, header::CACHE_CONTROL, "no-cache");
    }
}
