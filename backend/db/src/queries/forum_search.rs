//! Full-text search over posts: SQLite FTS5 and PostgreSQL full-text behind one function.
//!
//! The `post_search` table holds one row per post that may be found (published or removed;
//! held, rejected and deleted posts are not in it), with its community, status, the thread
//! title (first posts only) and the body, stored *folded* (`kindred_domain::forum::fold`:
//! lower case, no diacritics), so both backends see the same words. The writers of posts keep
//! it in step inside their own transaction. Queries are lists of folded alphanumeric words
//! (`kindred_domain::forum::query_terms`), so nothing the caller types reaches the query
//! syntax of either engine.
//!
//! Ranking, in windows: a search takes the newest [`WINDOW`] matching entries of the community
//! (entries are numbered in the order they were written), ranks them — FTS5's `bm25` (lower is
//! better, titles weigh 10× the body) or PostgreSQL's `ts_rank` with title weight A over body
//! weight B, negated so that on both lower is better — and pages through them on (rank, post
//! id); then the next older window. A page's cost follows the page, not the community's size:
//! ranking every match of a word found in one post in a hundred grows with the community
//! (measured: 3.5–14× from 100,000 to 1,000,000 posts), ranking a window does not. The price:
//! a better match older than the first window comes after the weaker recent ones.
//!
//! On SQLite, FTS5 filters on nothing but its tokens and rowids, so each community has a scope
//! (`post_search_scopes`) and its entries rowids `scope_key << 40 | entry number`: the
//! community is a rowid range FTS5 seeks to, newest first is its native rowid order. On
//! PostgreSQL an identity column numbers entries and `(community_id, entry)` walks them.

use diesel::pg::Pg;
use diesel::sql_types::{BigInt, Double, Text};
use diesel::sqlite::Sqlite;
use diesel::{OptionalExtension, QueryableByName, RunQueryDsl};

use crate::{DbConn, DbError};

/// Adds or replaces a post's entry (as the community's newest).
pub fn index(
    conn: &mut DbConn,
    post_id: &str,
    community_id: &str,
    status: &str,
    title: &str,
    body: &str,
) -> Result<(), DbError> {
    unindex(conn, post_id)?;
    match conn {
        DbConn::Postgresql(pg) => {
            diesel::sql_query(
                "INSERT INTO post_search (post_id, community_id, status, title, body) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind::<Text, _>(post_id)
            .bind::<Text, _>(community_id)
            .bind::<Text, _>(status)
            .bind::<Text, _>(title)
            .bind::<Text, _>(body)
            .execute(pg)?;
        }
        DbConn::Sqlite(lite) => {
            diesel::sql_query(
                "INSERT INTO post_search_scopes (community_id) VALUES (?) \
                 ON CONFLICT (community_id) DO NOTHING",
            )
            .bind::<Text, _>(community_id)
            .execute(lite)?;
            diesel::sql_query(
                "UPDATE post_search_scopes SET last_entry = last_entry + 1 WHERE community_id = ?",
            )
            .bind::<Text, _>(community_id)
            .execute(lite)?;
            diesel::sql_query(
                "INSERT INTO post_search (rowid, post_id, community_id, status, title, body) \
                 SELECT (scope_key << 40) + last_entry, ?, ?, ?, ?, ? \
                   FROM post_search_scopes WHERE community_id = ?",
            )
            .bind::<Text, _>(post_id)
            .bind::<Text, _>(community_id)
            .bind::<Text, _>(status)
            .bind::<Text, _>(title)
            .bind::<Text, _>(body)
            .bind::<Text, _>(community_id)
            .execute(lite)?;
        }
    }
    Ok(())
}

/// Changes the status an entry is found under (a removal or a restore).
pub fn set_status(conn: &mut DbConn, post_id: &str, status: &str) -> Result<(), DbError> {
    let sql = match conn {
        DbConn::Postgresql(_) => "UPDATE post_search SET status = $1 WHERE post_id = $2",
        DbConn::Sqlite(_) => "UPDATE post_search SET status = ? WHERE post_id = ?",
    };
    diesel::sql_query(sql).bind::<Text, _>(status).bind::<Text, _>(post_id).execute(conn)?;
    Ok(())
}

/// Removes a post's entry (deleted by its author, erased).
pub fn unindex(conn: &mut DbConn, post_id: &str) -> Result<(), DbError> {
    let sql = match conn {
        DbConn::Postgresql(_) => "DELETE FROM post_search WHERE post_id = $1",
        DbConn::Sqlite(_) => "DELETE FROM post_search WHERE post_id = ?",
    };
    diesel::sql_query(sql).bind::<Text, _>(post_id).execute(conn)?;
    Ok(())
}

/// Removes the entries of every post a member wrote (erasure).
pub fn unindex_author(conn: &mut DbConn, user_id: &str) -> Result<(), DbError> {
    let sql = match conn {
        DbConn::Postgresql(_) => {
            "DELETE FROM post_search WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)"
        }
        DbConn::Sqlite(_) => {
            "DELETE FROM post_search WHERE post_id IN (SELECT id FROM posts WHERE author_id = ?)"
        }
    };
    diesel::sql_query(sql).bind::<Text, _>(user_id).execute(conn)?;
    Ok(())
}

/// Matching entries ranked together (see the module's notes).
pub const WINDOW: i64 = 200;

/// Windows one page may walk through (a page of up to `WINDOW` hits needs two at most; the
/// third covers a window emptied by the cursor).
const WINDOWS_PER_PAGE: usize = 3;

/// One hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The post.
    pub post_id: String,
    /// Lower is better.
    pub rank: f64,
    /// The window the hit was ranked in: entries numbered below this.
    pub window: i64,
}

/// Where a page ends: the window and the last hit's (rank, post id) in it.
#[derive(Debug, Clone, PartialEq)]
pub struct After {
    /// [`Hit::window`] of the last hit.
    pub window: i64,
    /// Its rank.
    pub rank: f64,
    /// Its post.
    pub post_id: String,
}

/// One matching entry of a window.
#[derive(QueryableByName)]
struct Entry {
    #[diesel(sql_type = BigInt)]
    entry: i64,
    #[diesel(sql_type = Text)]
    post_id: String,
    #[diesel(sql_type = Double)]
    rank: f64,
}

/// One page of hits for `terms` (folded words, all required) in a community, among entries
/// whose status is in `statuses`: each window best first, after `after`.
pub fn search(
    conn: &mut DbConn,
    community_id: &str,
    terms: &[String],
    statuses: &[&str],
    after: Option<&After>,
    limit: i64,
) -> Result<Vec<Hit>, DbError> {
    if terms.is_empty() || statuses.is_empty() || limit <= 0 {
        return Ok(Vec::new());
    }
    let Some(range) = scope(conn, community_id)? else { return Ok(Vec::new()) };
    let mut top = after.map_or(i64::MAX, |a| a.window);
    let mut skip_to = after.map(|a| (a.rank, a.post_id.as_str()));
    let mut out = Vec::new();
    for _ in 0..WINDOWS_PER_PAGE {
        let mut entries = window(conn, community_id, range, terms, statuses, top)?;
        let full = entries.len() as i64 == WINDOW;
        let floor = entries.iter().map(|e| e.entry).min();
        entries.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.post_id.cmp(&b.post_id)));
        for e in entries {
            if let Some((rank, id)) = skip_to {
                if e.rank.total_cmp(&rank).then_with(|| e.post_id.as_str().cmp(id)).is_le() {
                    continue;
                }
            }
            out.push(Hit { post_id: e.post_id, rank: e.rank, window: top });
            if out.len() as i64 == limit {
                return Ok(out);
            }
        }
        match floor {
            Some(f) if full => top = f,
            _ => break,
        }
        skip_to = None;
    }
    Ok(out)
}

/// The entry numbers a community's entries take: on SQLite its scope's rowid range (none when
/// nothing was ever indexed in it), on PostgreSQL any.
fn scope(conn: &mut DbConn, community_id: &str) -> Result<Option<(i64, i64)>, DbError> {
    #[derive(QueryableByName)]
    struct Scope {
        #[diesel(sql_type = BigInt)]
        scope_key: i64,
    }
    match conn {
        DbConn::Postgresql(_) => Ok(Some((i64::MIN, i64::MAX))),
        DbConn::Sqlite(lite) => {
            let s: Option<Scope> = diesel::sql_query(
                "SELECT scope_key FROM post_search_scopes WHERE community_id = ?",
            )
            .bind::<Text, _>(community_id)
            .get_result(lite)
            .optional()?;
            Ok(s.map(|s| (s.scope_key << 40, (s.scope_key + 1) << 40)))
        }
    }
}

/// The newest `WINDOW` matching entries numbered below `top`, in entry order.
fn window(
    conn: &mut DbConn,
    community_id: &str,
    (low, high): (i64, i64),
    terms: &[String],
    statuses: &[&str],
    top: i64,
) -> Result<Vec<Entry>, DbError> {
    match conn {
        DbConn::Postgresql(pg) => {
            // Terms are alphanumeric words: joined with & they are a plain tsquery.
            let query = terms.join(" & ");
            let marks = (0..statuses.len()).map(|i| format!("${}", i + 5)).collect::<Vec<_>>();
            let sql = format!(
                "SELECT entry, post_id, \
                        (-ts_rank(document, to_tsquery('simple', $1)))::float8 AS rank \
                   FROM post_search \
                  WHERE community_id = $2 AND entry < $3 AND status IN ({}) \
                    AND document @@ to_tsquery('simple', $1) \
                  ORDER BY entry DESC LIMIT $4",
                marks.join(", ")
            );
            let mut q = diesel::sql_query(sql)
                .into_boxed::<Pg>()
                .bind::<Text, _>(query)
                .bind::<Text, _>(community_id.to_string())
                .bind::<BigInt, _>(top)
                .bind::<BigInt, _>(WINDOW);
            for s in statuses {
                q = q.bind::<Text, _>(s.to_string());
            }
            Ok(q.load::<Entry>(pg)?)
        }
        DbConn::Sqlite(lite) => {
            // Each word quoted: an FTS5 string, never an operator.
            let query = terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ");
            let marks = vec!["?"; statuses.len()].join(", ");
            let sql = format!(
                "SELECT rowid AS entry, post_id, \
                        bm25(post_search, 0.0, 0.0, 0.0, 10.0, 1.0) AS rank \
                   FROM post_search \
                  WHERE post_search MATCH ? AND rowid >= ? AND rowid < ? \
                    AND community_id = ? AND status IN ({marks}) \
                  ORDER BY rowid DESC LIMIT ?"
            );
            let mut q = diesel::sql_query(sql)
                .into_boxed::<Sqlite>()
                .bind::<Text, _>(query)
                .bind::<BigInt, _>(low)
                .bind::<BigInt, _>(high.min(top))
                .bind::<Text, _>(community_id.to_string());
            for s in statuses {
                q = q.bind::<Text, _>(s.to_string());
            }
            Ok(q.bind::<BigInt, _>(WINDOW).load::<Entry>(lite)?)
        }
    }
}
