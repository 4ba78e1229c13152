//! The fallback for unmatched requests: `405` with `Allow` when the path is an operation of
//! the API under another method, else a `404` problem.

use std::sync::LazyLock;

use actix_web::{http::header, HttpRequest, HttpResponse, ResponseError};

use crate::ApiError;

/// One documented path: its segments (`None` for a `{parameter}`) and its methods.
struct Template {
    segments: Vec<Option<String>>,
    methods: Vec<&'static str>,
}

/// Every path of the OpenAPI document, which the `area!` macro keeps equal to what is served.
static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    crate::openapi::document()
        .paths
        .paths
        .iter()
        .map(|(path, item)| Template {
            segments: path
                .split('/')
                .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_string()))
                .collect(),
            methods: [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
            ]
            .into_iter()
            .filter_map(|(m, on)| on.then_some(m))
            .collect(),
        })
        .collect()
});

/// The methods the API serves at `path`, from the most specific template that matches it
/// (`/me/measurements/summary` before `/me/measurements/{id}`); empty when none does.
fn allowed(path: &str) -> Vec<&'static str> {
    let parts: Vec<&str> = path.split('/').collect();
    TEMPLATES
        .iter()
        .filter(|t| {
            t.segments.len() == parts.len()
                && t.segments.iter().zip(&parts).all(|(seg, part)| match seg {
                    Some(literal) => literal == part,
                    None => !part.is_empty(),
                })
        })
        .min_by_key(|t| t.segments.iter().filter(|s| s.is_none()).count())
        .map(|t| t.methods.clone())
        .unwrap_or_default()
}

/// Answers every unmatched request.
pub async fn handler(req: HttpRequest) -> HttpResponse {
    let methods = allowed(req.path());
    if methods.is_empty() || methods.contains(&req.method().as_str()) {
        return ApiError::NotFound.error_response();
    }
    let mut res = ApiError::MethodNotAllowed.error_response();
    if let Ok(v) = header::HeaderValue::from_str(&methods.join(", ")) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn the_most_specific_documented_path_gives_the_methods() {
        assert_eq!(allowed("/healthz"), ["GET"]);
        assert_eq!(allowed("/api/v1/me/measurements/summary"), ["GET"]);
        let by_id = allowed("/api/v1/me/measurements/0193a8a0-0000-7000-8000-000000000000");
        assert!(by_id.contains(&"DELETE"), "{by_id:?}");
        assert!(allowed("/api/v1/nothing-here").is_empty());
        assert!(allowed("/api/v1/me/measurements/").is_empty());
    }
}
