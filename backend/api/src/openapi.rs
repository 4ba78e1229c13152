//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

/// The document's frame (info, shared schemas, tags); [`document`] adds every area's
/// operations as the areas declare them (`routes/mod.rs`, `area!`).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kindred API",
        description = "Patient-powered research community platform. JSON over HTTPS; errors are \
            RFC 9457 problem documents with a stable `code`; lists are keyset-paginated.",
        license(name = "AGPL-3.0-or-later"),
    ),
    components(schemas(crate::error::Problem, crate::error::ProblemFieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health, readiness and metrics."),
        (name = "auth", description = "Registration, email verification, sign-in, token refresh, password reset."),
        (name = "me", description = "The signed-in member's own account, sessions, data and conditions."),
        (name = "conditions", description = "The conditions catalog."),
        (name = "admin", description = "Administration (admins only)."),
        (name = "questionnaires", description = "Outcome questionnaires: versions, responses, scores, due list."),
        (name = "measurements", description = "At-home measurements: types, logging, import, history, summaries."),
        (name = "communities", description = "Condition communities: membership, threads, search, moderators, the moderation log, reports, bans."),
        (name = "threads", description = "A thread's posts, replies, reports and moderator actions."),
        (name = "posts", description = "Editing and deleting one's own posts, reports, moderator actions on posts."),
        (name = "moderation", description = "Resolving reports, appeals and their resolution."),
        (name = "notifications", description = "In-app notifications."),
        (name = "research", description = "Researcher verification."),
        (name = "studies", description = "Studies: drafted by researchers, reviewed by admins; the cohort preview."),
        (name = "consent", description = "The comprehension check, invitations, granting and withdrawing consent, receipts."),
        (name = "exports", description = "De-identified exports of a study's consented data: requested by its researchers, written by a background worker, downloaded with Range support."),
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

/// Registers the `Action` schema: every audit action by its stored, dotted name
/// (`auth.login_failed`), which `GET /admin/audit?action=` takes and its events carry.
/// Written out here rather than derived: the derived schema would spell the variants in
/// snake case (`auth_login_failed`), which the API neither takes nor returns.
struct ActionSchema;

impl Modify for ActionSchema {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use kindred_domain::audit::Action;
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let schema = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Everything the audit log records, by its stored name (`area.what_happened`).",
            ))
            .enum_values(Some(Action::ALL.iter().map(|a| a.as_str())))
            .build();
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.insert("Action".to_string(), schema.into());
    }
}

/// Makes every operation's error answers what the server sends: problem documents
/// (`application/problem+json`, the `Problem` schema), and adds the failures that come from
/// the shared machinery rather than from a handler, so no handler can forget them:
/// - `401` on every operation that requires a bearer token (the `AuthUser` extractor);
/// - `400`, `413`, `415` and `422` on every operation with a JSON body (`crate::Json`: an
///   unreadable body, the size limit, a missing JSON content type, a field that fails);
/// - `422` on every operation with query parameters (`QueryConfig` in `app.rs`);
/// - `404` on every operation with a path parameter (`PathConfig`: an id that does not parse
///   is no resource);
/// - `Retry-After` on every `429`.
///
/// A handler's own statuses (403, 404 for someone else's, 409, 429 for its limits) are in its
/// `#[utoipa::path]`; the permission matrix test checks them against the server.
struct ProblemResponses;

impl ProblemResponses {
    const GENERIC: [(&'static str, &'static str); 7] = [
        ("400", "The request is malformed: the body is not readable JSON."),
        ("401", "No valid credentials: sign in (or refresh the access token) and try again."),
        ("404", "No such resource, or not yours."),
        ("413", "The request body is larger than the server accepts."),
        ("415", "The request body is not `application/json`."),
        ("422", "Some input is invalid: `errors` names each field."),
        ("429", "Too many requests: wait for `Retry-After` seconds."),
    ];

    fn add(op: &mut utoipa::openapi::path::Operation, status: &str) {
        use utoipa::openapi::response::Response;
        let description =
            Self::GENERIC.iter().find(|(s, _)| *s == status).map_or("Error.", |(_, d)| d);
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| Response::new(description).into());
    }
}

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::header::Header;
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{Content, RefOr};
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                item.get.as_mut(),
                item.post.as_mut(),
                item.put.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
            ];
            for op in ops.into_iter().flatten() {
                let bearer = op.security.iter().flatten().any(|req| {
                    serde_json::to_value(req)
                        .is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty()))
                });
                let params = op.parameters.iter().flatten();
                let has = |place: ParameterIn| params.clone().any(|p| p.parameter_in == place);
                let (path, query) = (has(ParameterIn::Path), has(ParameterIn::Query));
                let json_body = op
                    .request_body
                    .as_ref()
                    .is_some_and(|b| b.content.keys().any(|k| k.ends_with("json")));
                if bearer {
                    Self::add(op, "401");
                }
                if json_body {
                    for s in ["400", "413", "415", "422"] {
                        Self::add(op, s);
                    }
                }
                if query {
                    Self::add(op, "422");
                }
                if path {
                    Self::add(op, "404");
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    let RefOr::T(response) = response else { continue };
                    if status.as_str() < "400" {
                        continue;
                    }
                    response.content.clear();
                    response.content.insert(
                        "application/problem+json".to_string(),
                        Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                            "Problem",
                        )))),
                    );
                    if status == "429" {
                        response.headers.insert(
                            "Retry-After".to_string(),
                            Header::new(
                                ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)),
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// The API description served at `/api/v1/openapi.json` and printed by `kindred openapi`.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in routes::openapi_parts() {
        doc.merge(part);
    }
    ActionSchema.modify(&mut doc);
    OperationIds.modify(&mut doc);
    ProblemResponses.modify(&mut doc);
    doc
}

/// The document as pretty JSON with a trailing newline (the committed `docs/openapi.json`).
pub fn document_json() -> String {
    let doc = document();
    let mut s = doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
