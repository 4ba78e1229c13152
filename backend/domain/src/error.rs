//! Field-level validation errors shared by every parser in the domain.
//!
//! The API layer turns a [`FieldErrors`] into a 422 problem whose `errors` list names each
//! field, so parsers report *which* input was wrong, with a stable machine-readable code.

use serde::Serialize;

/// One invalid input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, as a JSON path into the request (`email`, `items[3].value`, `answers.q9`).
    pub field: String,
    /// A stable snake_case code (`too_short`, `out_of_range`, `unknown_option`, ...).
    pub code: String,
    /// A plain-language explanation a person can act on.
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: truncate(field.into(), MAX_ECHOED_FIELD),
            code: code.into(),
            message: truncate(message.into(), MAX_ECHOED_MESSAGE),
        }
    }

    /// The same error reported under a prefix, e.g. `value` inside `items[2]` → `items[2].value`.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        let field = if self.field.is_empty() {
            prefix.to_string()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        self.field = truncate(field, MAX_ECHOED_FIELD);
        self
    }
}

/// Characters of a field path kept in an error: a path can echo client input (an answer key),
/// and nothing a client sends is echoed at length into answers or logs.
pub const MAX_ECHOED_FIELD: usize = 64;
/// Characters of an error message kept (messages can quote input too).
pub const MAX_ECHOED_MESSAGE: usize = 300;

/// `s` cut to `max` characters, marked with `…` when cut; control characters (line breaks,
/// escape codes) replaced by `?`, so an echoed value cannot forge a log line.
pub fn truncate(s: String, max: usize) -> String {
    if s.chars().count() <= max && !s.chars().any(char::is_control) {
        return s;
    }
    let mut out: String =
        s.chars().take(max).map(|c| if c.is_control() { '?' } else { c }).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// A collection of field errors: the error type of every multi-field parser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// An empty collection.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Adds one error.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Adds one error built from its parts.
    pub fn add(
        &mut self,
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// Records the error of a field parser, returning the parsed value when there was none.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// True when no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no error was recorded, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> =
            self.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        write!(f, "{}", parts.join("; "))
    }
}

impl std::error::Error for FieldErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_input_is_cut_and_cleaned() {
        let e = FieldError::new(format!("answers.{}", "k".repeat(1_000_000)), "x", "m");
        assert_eq!(e.field.chars().count(), MAX_ECHOED_FIELD + 1);
        let e = FieldError::new("answers.zz\r\n2026 INFO FORGED", "x", "m");
        assert!(!e.field.contains('\n') && !e.field.contains('\r'), "{}", e.field);
        assert_eq!(FieldError::new("email", "x", "m").field, "email");
    }
}
