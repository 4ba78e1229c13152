//! Assembles the actix `App`: state, middleware, routes, docs and the web app.

use actix_web::body::MessageBody;
use actix_web::dev::{fn_service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware::from_fn, web, App, HttpResponse};
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

use crate::json::BodyLimit;
use crate::{middleware, routes, ApiError, AppState};

/// Builds the application for one worker.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let config = state.config.clone();
    let app = App::new()
        .app_data(web::Data::new(state))
        .app_data(BodyLimit(config.body_limit))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        .app_data(
            web::QueryConfig::default().error_handler(|e, _| {
                ApiError::field("query", "invalid_query", &e.to_string()).into()
            }),
        )
        .wrap(cors(&config.cors_origins))
        .wrap(from_fn(middleware::edge))
        .wrap(TracingLogger::<crate::request_span::RequestSpan>::new())
        .configure(routes::root)
        .service(
            SwaggerUi::new("/api/docs/{_:.*}")
                .url("/api/v1/openapi.json", crate::openapi::document()),
        )
        .route(
            "/api/docs",
            web::get().to(|| async {
                HttpResponse::PermanentRedirect().insert_header(("Location", "/api/docs/")).finish()
            }),
        )
        .service(
            web::scope("/api")
                .service(
                    web::scope("/v1")
                        .configure(routes::v1)
                        .default_service(web::to(routes::not_found::handler)),
                )
                .default_service(web::to(routes::not_found::handler)),
        );
    match config.frontend_dir.clone().filter(|d| d.join("index.html").is_file()) {
        // Only the web app's files are compressed: API answers carry tokens and personal data
        // next to values a request can choose, the pattern compression side channels need.
        // Only GET and HEAD reach the web app's files; any other method on a path of the API
        // that does not serve it falls through to the default service (`405` with `Allow`).
        Some(dir) => app.service(
            web::scope("")
                .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
                .wrap(actix_web::middleware::Compress::default())
                .service(spa(dir)),
        ),
        None => app,
    }
    .default_service(web::to(routes::not_found::handler))
}

/// The app of the separate metrics listener (`KINDRED_METRICS_BIND`): `/metrics` without a
/// token, and nothing else.
pub fn metrics_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().app_data(web::Data::new(state)).route(
        "/metrics",
        web::get().to(|state: web::Data<AppState>| async move {
            routes::health::metrics::render(&state)
        }),
    )
}

/// Serves the built web app, answering unknown paths with `index.html` so the client-side
/// router can handle them.
fn spa(dir: std::path::PathBuf) -> actix_files::Files {
    let index = dir.join("index.html");
    actix_files::Files::new("/", dir).index_file("index.html").default_handler(fn_service(
        move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let file = actix_files::NamedFile::open_async(index).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        },
    ))
}

/// CORS from an explicit allow-list; an origin not on it gets no CORS headers at all.
fn cors(origins: &[String]) -> actix_cors::Cors {
    let mut c = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "PUT", "DELETE"])
        .allowed_headers([
            actix_web::http::header::AUTHORIZATION,
            actix_web::http::header::CONTENT_TYPE,
            actix_web::http::header::ACCEPT,
        ])
        .expose_headers(["x-request-id", "retry-after"])
        .supports_credentials()
        .max_age(3600);
    for o in origins {
        c = c.allowed_origin(o);
    }
    c
}
