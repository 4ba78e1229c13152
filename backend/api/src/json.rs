//! A JSON body extractor whose errors are problem documents that name the failing field.
//!
//! actix's own `web::Json` answers with plain text and loses the path of a type error; this
//! one reads the body under a size limit, requires a JSON content type, and deserializes with
//! `serde_path_to_error` so a 422 says *which* field was wrong.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use kindred_domain::FieldError;
use serde::de::DeserializeOwned;

use crate::ApiError;

/// The body limit in force for a route (app data); default 1 MiB.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The inner value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map(|l| l.0).unwrap_or(1024 * 1024);
        let timeout = req
            .app_data::<actix_web::web::Data<crate::AppState>>()
            .map(|s| s.config.body_timeout)
            .unwrap_or(std::time::Duration::from_secs(30));
        let json_type = req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|ct| {
                let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                essence == "application/json" || essence.ends_with("+json")
            })
            .unwrap_or(false);
        let mut payload = payload.take();
        Box::pin(async move {
            if !json_type {
                return Err(ApiError::UnsupportedMediaType);
            }
            let body = read_body(&mut payload, limit, timeout).await?;
            parse(&body).map(Json)
        })
    }
}

/// Reads a whole request body, at most `limit` bytes, within `timeout`: a client that sends
/// its body slowly (or never finishes it) gets 408 and its connection is freed.
pub async fn read_body<S>(
    payload: &mut S,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<Vec<u8>, ApiError>
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, actix_web::error::PayloadError>>
        + Unpin,
{
    let read = async {
        let mut body = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest {
                code: "unreadable_body",
                detail: format!("The request body could not be read: {e}"),
            })?;
            if body.len() + chunk.len() > limit {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    tokio::time::timeout(timeout, read).await.map_err(|_| ApiError::RequestTimeout)?
}

/// Deserializes a JSON body, mapping errors to 400 (syntax) or 422 (shape, naming the field).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest {
            code: "malformed_json",
            detail: "The request body is empty; send a JSON object.".into(),
        });
    }
    // Syntax first: a malformed body is a 400 even when a typed parse would trip over an
    // unknown or mistyped field before reaching the syntax error.
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        return Err(ApiError::BadRequest {
            code: "malformed_json",
            detail: format!("The request body is not valid JSON: {e}"),
        });
    }
    // No string may hold a NUL: PostgreSQL text cannot store one, and no field needs it.
    if let Some(field) = nul_field(body) {
        return Err(FieldError::new(
            field,
            "invalid_character",
            "This text holds a NUL character (\\u0000), which is not allowed.",
        )
        .into());
    }
    // Request bodies are objects; serde would otherwise read an array as a struct by position.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(FieldError::new(
            "body",
            "wrong_type",
            "The request body must be a JSON object.",
        )
        .into());
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        // JSON has one number type: `51.0` *is* the integer 51 (as JSON Schema's `integer`
        // says), which serde refuses for an integer field. Only on that refusal is the body
        // read again with whole floats written as integers.
        Err(err) if err.inner().to_string().starts_with("invalid type: floating point") => {
            let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
                ApiError::BadRequest { code: "malformed_json", detail: e.to_string() }
            })?;
            if !whole_floats_as_integers(&mut value) {
                return Err(field_error(&err.path().to_string(), err.inner()).into());
            }
            serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
                let path = e.path().to_string();
                field_error(&path, e.inner()).into()
            })
        }
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => Err(field_error(&path, &inner).into()),
                _ => Err(ApiError::BadRequest {
                    code: "malformed_json",
                    detail: format!("The request body is not valid JSON: {inner}"),
                }),
            }
        }
    }
}

/// Rewrites every float without a fractional part (`51.0`, `-3e2`) as an integer; whether
/// any was.
fn whole_floats_as_integers(v: &mut serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            let whole = f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15;
            if whole {
                // In range and whole: the cast is exact.
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *v = serde_json::Value::from(i);
            }
            whole
        }
        // Every element is rewritten (no short circuit).
        serde_json::Value::Array(items) => {
            items.iter_mut().map(whole_floats_as_integers).filter(|&w| w).count() > 0
        }
        serde_json::Value::Object(map) => {
            map.values_mut().map(whole_floats_as_integers).filter(|&w| w).count() > 0
        }
        _ => false,
    }
}

/// The path of the first string (value or key) holding a NUL, if any. JSON can only carry a
/// NUL as the escape `\u0000`, so bodies without one skip the walk.
fn nul_field(body: &[u8]) -> Option<String> {
    let needle = b"\\u0000";
    if !body.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle)) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    fn walk(v: &serde_json::Value, path: &str) -> Option<String> {
        let here = || if path.is_empty() { "body".to_string() } else { path.to_string() };
        match v {
            serde_json::Value::String(s) if s.contains('\0') => Some(here()),
            serde_json::Value::Array(items) => {
                items.iter().enumerate().find_map(|(i, x)| walk(x, &format!("{path}[{i}]")))
            }
            serde_json::Value::Object(map) => map.iter().find_map(|(k, x)| {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if k.contains('\0') {
                    Some(if path.is_empty() { "body".to_string() } else { path.to_string() })
                } else {
                    walk(x, &p)
                }
            }),
            _ => None,
        }
    }
    walk(&value, "")
}

fn field_error(path: &str, e: &serde_json::Error) -> FieldError {
    let full = e.to_string();
    let msg = full.rsplit_once(" at line ").map(|(m, _)| m).unwrap_or(&full).to_string();
    let base = if path == "." { String::new() } else { path.to_string() };
    let join =
        |name: &str| if base.is_empty() { name.to_string() } else { format!("{base}.{name}") };
    let quoted = msg.split('`').nth(1).unwrap_or_default().to_string();
    if msg.starts_with("missing field") {
        return FieldError::new(join(&quoted), "required", "This field is required.");
    }
    if msg.starts_with("unknown field") {
        // serde_path_to_error's path already ends at the unknown key.
        let field = if base.ends_with(&quoted) { base.clone() } else { join(&quoted) };
        return FieldError::new(field, "unknown_field", "This field is not recognised.");
    }
    let field = if base.is_empty() { "body".to_string() } else { base };
    let code = if msg.starts_with("invalid type") {
        "wrong_type"
    } else if msg.starts_with("unknown variant") {
        "invalid_choice"
    } else {
        "invalid"
    };
    FieldError::new(field, code, msg)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: i32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<Inner>,
    }

    fn fe(body: &str) -> (String, String) {
        match parse::<Outer>(body.as_bytes()) {
            Err(ApiError::Validation(e)) => (e.0[0].field.clone(), e.0[0].code.clone()),
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn names_the_field() {
        assert_eq!(fe(r#"{"items":[]}"#), ("name".into(), "required".into()));
        assert_eq!(fe(r#"{"name":1,"items":[]}"#), ("name".into(), "wrong_type".into()));
        assert_eq!(
            fe(r#"{"name":"a","items":[{"n":1},{"n":"x"}]}"#),
            ("items[1].n".into(), "wrong_type".into())
        );
        assert_eq!(
            fe(r#"{"name":"a","items":[],"extra":1}"#),
            ("extra".into(), "unknown_field".into())
        );
        assert_eq!(
            fe(r#"{"name":"a","items":[{"n":1,"z":2}]}"#),
            ("items[0].z".into(), "unknown_field".into())
        );
        assert_eq!(fe(r#"[]"#).1, "wrong_type");
    }

    #[test]
    fn a_whole_float_is_an_integer_and_a_fraction_is_not() {
        let ok = parse::<Outer>(br#"{"name":"a","items":[{"n":51.0},{"n":-3e2}]}"#).unwrap();
        assert_eq!(ok.items.iter().map(|i| i.n).collect::<Vec<_>>(), [51, -300]);
        assert_eq!(
            fe(r#"{"name":"a","items":[{"n":1},{"n":51.5}]}"#),
            ("items[1].n".into(), "wrong_type".into())
        );
        assert_eq!(
            fe(r#"{"name":"a","items":[{"n":1e300}]}"#),
            ("items[0].n".into(), "wrong_type".into())
        );
    }

    #[test]
    fn nul_characters_are_refused_naming_the_field() {
        assert_eq!(
            fe(r#"{"name":"a\u0000b","items":[]}"#),
            ("name".into(), "invalid_character".into())
        );
        assert_eq!(
            fe(r#"{"name":"a","items":[{"n":1},{"n":"\u0000"}]}"#),
            ("items[1].n".into(), "invalid_character".into())
        );
    }

    #[test]
    fn syntax_errors_are_400() {
        for body in ["{", "", "nope", r#"{"name":"a",}"#] {
            assert!(
                matches!(parse::<Outer>(body.as_bytes()), Err(ApiError::BadRequest { .. })),
                "{body}"
            );
        }
    }
}
