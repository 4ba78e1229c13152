//! Searching a community: over the titles and bodies the reader may read (published posts;
//! moderators also find removed ones), best match first within windows of the newest matches
//! (`forum_search`'s notes), keyset-paged, each hit with a snippet and where the query words
//! are in it.

use std::collections::HashMap;

use kindred_db::page::Cursor;
use kindred_db::queries::{forum, forum_search};
use kindred_db::DbConn;
use kindred_domain::forum::{query_terms, snippet, Snippet, MAX_QUERY};
use kindred_domain::FieldError;

use super::posts::{views, PostView, ThreadView};
use crate::authz::Reader;
use crate::AppError;

/// One search hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The post, as the reader sees it.
    pub post: PostView,
    /// Its thread.
    pub thread: ThreadView,
    /// A short excerpt around the first match, with the matched words' positions.
    pub snippet: Snippet,
}

/// Searches the reader's community for `q`. A query longer than 200 characters is refused
/// (422); one without any word (only punctuation or spaces) finds nothing.
pub fn search(
    c: &mut DbConn,
    reader: &Reader,
    q: &str,
    cursor: Option<&Cursor>,
    limit: i64,
) -> Result<(Vec<Hit>, Option<String>), AppError> {
    if q.chars().count() > MAX_QUERY {
        return Err(
            FieldError::new("q", "too_long", format!("At most {MAX_QUERY} characters.")).into()
        );
    }
    if q.trim().is_empty() {
        return Err(FieldError::new("q", "required", "Type what to look for.").into());
    }
    let after = match cursor {
        Some(cur) => match cur.as_parts() {
            [window, rank, id] if !id.is_empty() && id.len() <= 64 => {
                let window: i64 = window.parse().map_err(|_| crate::error::invalid_cursor())?;
                let rank: f64 = rank.parse().map_err(|_| crate::error::invalid_cursor())?;
                if !rank.is_finite() {
                    return Err(crate::error::invalid_cursor());
                }
                Some(forum_search::After { window, rank, post_id: id.clone() })
            }
            _ => return Err(crate::error::invalid_cursor()),
        },
        None => None,
    };
    let terms = query_terms(q);
    let statuses: &[&str] =
        if reader.moderates() { &["published", "removed"] } else { &["published"] };
    let hits = forum_search::search(
        c,
        &reader.community().id,
        &terms,
        statuses,
        after.as_ref(),
        limit + 1,
    )?;
    let more = hits.len() as i64 > limit;
    let hits: Vec<_> = hits.into_iter().take(limit as usize).collect();
    let next = if more {
        hits.last().map(|h| {
            Cursor::parts(vec![h.window.to_string(), format!("{:?}", h.rank), h.post_id.clone()])
                .encode()
        })
    } else {
        None
    };
    // Three queries for the whole page (posts, threads, authors), not four per hit.
    let ids: Vec<String> = hits.iter().map(|h| h.post_id.clone()).collect();
    let posts = forum::posts_by_ids(c, &ids)?;
    let thread_ids: Vec<String> = posts.iter().map(|p| p.thread_id.clone()).collect();
    let thread_rows = forum::threads_by_ids(c, &thread_ids)?;
    let threads: HashMap<String, ThreadView> = super::posts::view_threads(c, reader, thread_rows)?
        .into_iter()
        .map(|t| (t.thread.id.clone(), t))
        .collect();
    let mut views: HashMap<String, PostView> =
        views(c, reader, posts)?.into_iter().map(|v| (v.post.id.clone(), v)).collect();
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let Some(view) = views.remove(&h.post_id) else { continue };
        let Some(thread) = threads.get(&view.post.thread_id) else { continue };
        let Some(body) = view.body.as_deref() else { continue };
        let text = if view.post.seq == 1 {
            format!("{}\n{body}", thread.thread.title)
        } else {
            body.to_string()
        };
        out.push(Hit { snippet: snippet(&text, &terms), thread: thread.clone(), post: view });
    }
    Ok((out, next))
}
