//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

/// The API description served at `/api/v1/openapi.json` and printed by `kindred openapi`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kindred API",
        description = "Patient-powered research community platform. JSON over HTTPS; errors are \
            RFC 9457 problem documents with a stable `code`; lists are keyset-paginated.",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        routes::health::healthz::handler,
        routes::health::readyz::handler,
        routes::health::metrics::handler,
    ),
    components(schemas(crate::error::Problem, crate::error::ProblemFieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health, readiness and metrics."),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
    }
}

/// The document as pretty JSON with a trailing newline (the committed `docs/openapi.json`).
pub fn document_json() -> String {
    let doc = ApiDoc::openapi();
    let mut s = doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
