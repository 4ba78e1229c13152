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
        routes::auth::register::handler,
        routes::auth::verify_email::handler,
        routes::auth::resend_verification::handler,
        routes::auth::login::handler,
        routes::auth::refresh::handler,
        routes::auth::logout::handler,
        routes::auth::password_reset_request::handler,
        routes::auth::password_reset_confirm::handler,
        routes::me::get::handler,
        routes::me::update::handler,
        routes::me::delete::handler,
        routes::me::change_password::handler,
        routes::me::sessions_list::handler,
        routes::me::sessions_revoke::handler,
        routes::me::export::handler,
        routes::me::conditions_list::handler,
        routes::me::conditions_add::handler,
        routes::me::conditions_remove::handler,
        routes::conditions::list::handler,
        routes::conditions::create::handler,
        routes::admin::users_list::handler,
        routes::admin::users_suspend::handler,
        routes::admin::users_unsuspend::handler,
        routes::admin::audit_list::handler,
        routes::measurements::types_list::handler,
        routes::measurements::types_create::handler,
        routes::measurements::create::handler,
        routes::measurements::batch::handler,
        routes::measurements::import::handler,
        routes::measurements::list::handler,
        routes::measurements::summary::handler,
        routes::measurements::get::handler,
        routes::measurements::update::handler,
        routes::measurements::delete::handler,
        routes::questionnaires::list::handler,
        routes::questionnaires::get::handler,
        routes::questionnaires::create::handler,
        routes::questionnaires::version_create::handler,
        routes::questionnaires::version_update::handler,
        routes::questionnaires::version_publish::handler,
        routes::questionnaires::version_retire::handler,
        routes::questionnaires::respond::handler,
        routes::questionnaires::responses_list::handler,
        routes::questionnaires::responses_get::handler,
        routes::questionnaires::scores::handler,
        routes::questionnaires::due::handler,
    ),
    components(schemas(crate::error::Problem, crate::error::ProblemFieldError)),
    modifiers(&BearerAuth, &OperationIds),
    tags(
        (name = "operations", description = "Health, readiness and metrics."),
        (name = "auth", description = "Registration, email verification, sign-in, token refresh, password reset."),
        (name = "me", description = "The signed-in member's own account, sessions, data and conditions."),
        (name = "conditions", description = "The conditions catalog."),
        (name = "admin", description = "Administration (admins only)."),
        (name = "questionnaires", description = "Outcome questionnaires: versions, responses, scores, due list."),
        (name = "measurements", description = "At-home measurements: types, logging, import, history, summaries."),
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

/// Gives every operation a unique id derived from its method and path
/// (`POST /api/v1/auth/login` → `post_auth_login`, `{id}` → `by_id`). utoipa would otherwise
/// use each handler's function name, and every handler here is called `handler` (one handler
/// a file), which generated clients merge into one operation.
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let words: Vec<String> = path
                .trim_start_matches("/api/v1")
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(param) => format!("by_{param}"),
                    None => s.replace('-', "_"),
                })
                .collect();
            let ops = [
                ("get", item.get.as_mut()),
                ("post", item.post.as_mut()),
                ("put", item.put.as_mut()),
                ("patch", item.patch.as_mut()),
                ("delete", item.delete.as_mut()),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    op.operation_id = Some(format!("{method}_{}", words.join("_")));
                }
            }
        }
    }
}

/// The document as pretty JSON with a trailing newline (the committed `docs/openapi.json`).
pub fn document_json() -> String {
    let doc = ApiDoc::openapi();
    let mut s = doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
