//! `ApiError`: every failure a handler can return, rendered as RFC 9457 problem+json.
//!
//! Each variant names its HTTP status. Client errors carry a stable snake_case `code`;
//! server errors are logged with their whole cause chain and answered with a generic body.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use kindred_app::AppError;
use kindred_db::DbError;
use kindred_domain::{FieldError, FieldErrors};
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type (`urn:kindred:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short, human-readable summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A human-readable explanation of this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A stable snake_case code clients can switch on.
    pub code: String,
    /// For 422: one entry per invalid field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ProblemFieldError>>,
    /// For 403 `banned`: the moderator's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For 403 `banned`: when the ban ends (absent: for good).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// For 422 `privacy_check`: what in the post could identify a person (character offsets
    /// into the title or body).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<kindred_domain::forum::PlacedFinding>>,
}

/// One invalid field in a 422 problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemFieldError {
    /// JSON path of the field (`email`, `items[3].value`).
    pub field: String,
    /// Stable snake_case code (`required`, `too_short`, `out_of_range`, …).
    pub code: String,
    /// Plain-language explanation.
    pub message: String,
}

impl From<FieldError> for ProblemFieldError {
    fn from(e: FieldError) -> Self {
        Self { field: e.field, code: e.code, message: e.message }
    }
}

/// Every error a handler can return.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed (not JSON, bad syntax).
    #[error("{detail}")]
    BadRequest {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 401: no valid credentials.
    #[error("{detail}")]
    Unauthorized {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 403: authenticated but not allowed (only for the caller's *own* resources; another
    /// member's private resource is [`ApiError::NotFound`]).
    #[error("{detail}")]
    Forbidden {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 404: no such resource, or not yours.
    #[error("not found")]
    NotFound,
    /// 405.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 408: the client took too long to send its request.
    #[error("request timeout")]
    RequestTimeout,
    /// 403: banned from this community until `expires_at` (or for good).
    #[error("banned: {reason}")]
    Banned {
        /// The moderator's reason.
        reason: String,
        /// When the ban ends.
        expires_at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// 422: the post holds what could identify a person; send it again with
    /// `confirm_privacy_findings: true` to publish it anyway.
    #[error("privacy check")]
    PrivacyCheck(Vec<kindred_domain::forum::PlacedFinding>),
    /// 409: the request conflicts with the current state.
    #[error("{detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 413.
    #[error("request body too large (limit {limit} bytes)")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// 415.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: the body parsed but some fields are invalid.
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    /// 429.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until a retry may succeed.
        retry_after: u64,
        /// Explanation.
        detail: String,
    },
    /// 503: a dependency (the database) is unavailable.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// 500: a bug or an unexpected failure. Logged, never shown.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl ApiError {
    /// A 422 on one field.
    pub fn field(field: &str, code: &str, message: &str) -> Self {
        ApiError::Validation(FieldError::new(field, code, message).into())
    }

    /// A 500 from any error.
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(e.into())
    }

    /// A 401 with the standard code.
    pub fn unauthorized(detail: &str) -> Self {
        ApiError::Unauthorized { code: "unauthorized", detail: detail.into() }
    }

    /// The stable snake_case code of the problem.
    pub fn code(&self) -> &str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Conflict { code, .. } => code,
            ApiError::NotFound => "not_found",
            ApiError::Banned { .. } => "banned",
            ApiError::PrivacyCheck(_) => "privacy_check",
            ApiError::RequestTimeout => "request_timeout",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Validation(_) => "validation_failed",
            ApiError::TooManyRequests { .. } => "rate_limited",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal_error",
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ApiError::BadRequest { detail, .. }
            | ApiError::Unauthorized { detail, .. }
            | ApiError::Forbidden { detail, .. }
            | ApiError::Conflict { detail, .. }
            | ApiError::TooManyRequests { detail, .. } => Some(detail.clone()),
            ApiError::NotFound => Some("There is nothing here, or you cannot see it.".into()),
            ApiError::Banned { reason, expires_at } => Some(match expires_at {
                Some(t) => format!(
                    "You are banned from this community until {}. Reason: {reason}",
                    t.to_rfc3339()
                ),
                None => format!("You are banned from this community. Reason: {reason}"),
            }),
            ApiError::PrivacyCheck(_) => Some(
                "This post contains something that could identify you or someone else; see \
                 findings. Edit it, or send it again with confirm_privacy_findings: true."
                    .into(),
            ),
            ApiError::MethodNotAllowed => Some("This method is not allowed here.".into()),
            ApiError::RequestTimeout => {
                Some("The request body did not arrive in time. Send it again.".into())
            }
            ApiError::PayloadTooLarge { limit } => {
                Some(format!("The request body is larger than the limit of {limit} bytes."))
            }
            ApiError::UnsupportedMediaType => Some("Send the body as application/json.".into()),
            ApiError::Validation(_) => Some("Some fields are invalid; see errors.".into()),
            ApiError::Unavailable(_) => {
                Some("The service is temporarily unavailable. Try again shortly.".into())
            }
            ApiError::Internal(_) => Some("Something went wrong on our side.".into()),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let code = self.code().to_string();
        Problem {
            problem_type: format!("urn:kindred:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: self.detail(),
            code,
            errors: match self {
                ApiError::Validation(errs) => {
                    Some(errs.0.iter().cloned().map(ProblemFieldError::from).collect())
                }
                _ => None,
            },
            reason: match self {
                ApiError::Banned { reason, .. } => Some(reason.clone()),
                _ => None,
            },
            expires_at: match self {
                ApiError::Banned { expires_at, .. } => *expires_at,
                _ => None,
            },
            findings: match self {
                ApiError::PrivacyCheck(f) => Some(f.clone()),
                _ => None,
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } | ApiError::Banned { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) | ApiError::PrivacyCheck(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            ApiError::Unavailable(why) => tracing::warn!(%why, "dependency unavailable"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.content_type("application/problem+json");
        match self {
            ApiError::TooManyRequests { retry_after, .. } => {
                res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthorized { .. } => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::Unavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        AppError::from(e).into()
    }
}

/// The one place use-case errors become HTTP statuses.
impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound => ApiError::NotFound,
            AppError::Forbidden { code, detail } => ApiError::Forbidden { code, detail },
            AppError::Conflict { code, detail } => ApiError::Conflict { code, detail },
            AppError::Banned { reason, expires_at } => ApiError::Banned { reason, expires_at },
            AppError::PrivacyCheck(f) => ApiError::PrivacyCheck(f),
            AppError::Validation(errs) => ApiError::Validation(errs),
            AppError::TooManyRequests { retry_after, detail } => {
                ApiError::TooManyRequests { retry_after, detail }
            }
            AppError::Unavailable(why) => ApiError::Unavailable(why),
            AppError::Internal(e) => ApiError::Internal(e),
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Validation(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_constraint_is_a_500_whose_body_names_nothing() {
        let e = ApiError::from(kindred_app::error::unique_violation("some_table_secret_col_key"));
        assert!(matches!(e, ApiError::Internal(_)));
        let body = serde_json::to_string(&e.problem()).unwrap_or_default();
        assert!(!body.contains("secret_col"), "{body}");
    }
}
