//! `POST /researcher/application`

use actix_web::{post, web, HttpResponse};
use kindred_app::research::applications::{self, Application};
use kindred_domain::research::{
    parse_institutional_email, parse_line, parse_orcid, parse_statement,
};
use kindred_domain::FieldErrors;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::ApplicationResponse;
use crate::{ApiError, AppState, Json};

/// An application to become a researcher.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// Institution (2–200 characters).
    #[schema(schema_with = crate::fields::line)]
    pub institution: String,
    /// Position there (2–200 characters).
    #[schema(schema_with = crate::fields::line)]
    pub title: String,
    /// An address at the institution.
    #[schema(schema_with = crate::fields::email)]
    pub institutional_email: String,
    /// What you research and why you need Kindred's data (20–4,000 characters).
    #[schema(schema_with = crate::fields::statement)]
    pub statement: String,
    /// ORCID iD, e.g. `0000-0002-1825-0097` (its check digit is verified).
    #[serde(default)]
    #[schema(schema_with = crate::fields::orcid)]
    pub orcid: Option<String>,
}

/// Applies to become a researcher. Needs a confirmed address (403 `email_not_verified`); one
/// application waits at a time (409 `application_pending`); researchers and admins need none
/// (409 `already_researcher`). An admin reviews it; the outcome is emailed.
#[utoipa::path(post, path = "/api/v1/researcher/application", tag = "research", security(("bearer" = [])),
    request_body = ApplicationRequest,
    responses((status = 201, body = ApplicationResponse), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
#[post("/researcher/application")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.into_inner();
    let mut errs = FieldErrors::new();
    let institution = errs.check(parse_line("institution", &req.institution));
    let title = errs.check(parse_line("title", &req.title));
    let email = errs.check(parse_institutional_email(&req.institutional_email));
    let statement = errs.check(parse_statement(&req.statement));
    let orcid = match req.orcid.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(o) => errs.check(parse_orcid(o)).map(Some),
        None => Some(None),
    };
    let (Some(institution), Some(title), Some(institutional_email), Some(statement), Some(orcid)) =
        (institution, title, email, statement, orcid)
    else {
        return Err(errs.into());
    };
    let a = Application { institution, title, institutional_email, statement, orcid };
    let (actor, outbox) = (user.actor(), state.outbox.clone());
    let row = state.db(move |c| Ok(applications::apply(c, &outbox, &actor, &a)?)).await?;
    state.wake_mailer();
    Ok(HttpResponse::Created().json(ApplicationResponse::try_from(&row)?))
}
