//! `GET /communities/{slug}/search`

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Bearer;
use crate::pagination::PageQuery;
use crate::views::{PostResponse, ThreadResponse};
use crate::{ApiError, AppState};

/// The query and paging.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// Words to find (all of them), 1–200 characters; case and accents do not matter.
    pub q: String,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Written out: the derive drops `required` from a parameter whose schema is built by a
/// function (`schema_with`), and `q` is both.
impl IntoParams for SearchQuery {
    fn into_params(
        parameter_in: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        let q = ParameterBuilder::new()
            .name("q")
            .parameter_in(ParameterIn::Query)
            .required(utoipa::openapi::Required::True)
            .description(Some(
                "Words to find (all of them), 1–200 characters; case and accents do not matter.",
            ))
            .schema(Some(crate::fields::search_query()))
            .build();
        std::iter::once(q).chain(PageQuery::into_params(parameter_in)).collect()
    }
}

/// One hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// The post.
    pub post: PostResponse,
    /// Its thread.
    pub thread: ThreadResponse,
    /// About 200 characters around the first match.
    pub snippet: String,
    /// Where the query words are in the snippet: `[start, end)` character ranges.
    pub highlights: Vec<[usize; 2]>,
}

/// A page of hits.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    /// Best match first.
    pub items: Vec<SearchHit>,
    /// The next page's cursor.
    pub next_cursor: Option<String>,
}

/// Searches the titles and posts of a community I may read (removed posts only for its
/// moderators). A query of only punctuation finds nothing.
#[utoipa::path(get, path = "/api/v1/communities/{slug}/search", tag = "communities", security(("bearer" = [])),
    params(("slug" = String, Path, description = "Community slug"), SearchQuery),
    responses((status = 200, body = SearchResults), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
#[get("/communities/{slug}/search")]
pub async fn handler(
    state: web::Data<AppState>,
    bearer: Bearer,
    path: web::Path<String>,
    q: web::Query<SearchQuery>,
) -> Result<web::Json<SearchResults>, ApiError> {
    let q = q.into_inner();
    let page = PageQuery { limit: q.limit, cursor: q.cursor };
    let (limit, cursor) = (page.limit()?, page.cursor()?);
    let (slug, text) = (path.into_inner(), q.q);
    let (hits, next_cursor) = state
        .read(bearer, move |c, actor| {
            let reader = kindred_app::authz::require_reader(c, actor, &slug)?;
            Ok(kindred_app::communities::search::search(c, &reader, &text, cursor.as_ref(), limit)?)
        })
        .await?;
    let items = hits
        .iter()
        .map(|h| {
            Ok(SearchHit {
                post: PostResponse::try_from(&h.post)?,
                thread: ThreadResponse::try_from(&h.thread)?,
                snippet: h.snippet.text.clone(),
                highlights: h.snippet.highlights.iter().map(|(a, b)| [*a, *b]).collect(),
            })
        })
        .collect::<Result<_, kindred_db::DbError>>()?;
    Ok(web::Json(SearchResults { items, next_cursor }))
}
