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
//! Ranking: FTS5's `bm25` (lower is better, titles weigh 10× the body) and PostgreSQL's
//! `ts_rank` with title weight A over body weight B, negated so that on both lower is better.
//! Pages are cut on (rank, post id).

use diesel::pg::Pg;
use diesel::sql_types::{BigInt, Double, Text};
use diesel::sqlite::Sqlite;
use diesel::{QueryableByName, RunQueryDsl};

use crate::{DbConn, DbError};

/// Adds or replaces a post's entry.
pub fn index(
    conn: &mut DbConn,
    post_id: &str,
    community_id: &str,
    status: &str,
    title: &str,
    body: &str,
) -> Result<(), DbError> {
    unindex(conn, post_id)?;
    let sql = match conn {
        DbConn::Postgresql(_) => {
            "INSERT INTO post_search (post_id, community_id, status, title, body) \
             VALUES ($1, $2, $3, $4, $5)"
        }
        DbConn::Sqlite(_) => {
            "INSERT INTO post_search (post_id, community_id, status, title, body) \
             VALUES (?, ?, ?, ?, ?)"
        }
    };
    diesel::sql_query(sql)
        .bind::<Text, _>(post_id)
        .bind::<Text, _>(community_id)
        .bind::<Text, _>(status)
        .bind::<Text, _>(title)
        .bind::<Text, _>(body)
        .execute(conn)?;
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

/// One hit.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct Hit {
    /// The post.
    #[diesel(sql_type = Text)]
    pub post_id: String,
    /// Lower is better.
    #[diesel(sql_type = Double)]
    pub rank: f64,
}

/// One page of hits for `terms` (folded words, all required) in a community, among entries
/// whose status is in `statuses`, best first, after (rank, post id).
pub fn search(
    conn: &mut DbConn,
    community_id: &str,
    terms: &[String],
    statuses: &[&str],
    after: Option<(f64, &str)>,
    limit: i64,
) -> Result<Vec<Hit>, DbError> {
    if terms.is_empty() || statuses.is_empty() {
        return Ok(Vec::new());
    }
    let (after_rank, after_id) = after.unwrap_or((f64::NEG_INFINITY, ""));
    match conn {
        DbConn::Postgresql(pg) => {
            // Terms are alphanumeric words: joined with & they are a plain tsquery.
            let query = terms.join(" & ");
            let marks = (0..statuses.len()).map(|i| format!("${}", i + 6)).collect::<Vec<_>>();
            let sql = format!(
                "SELECT post_id, rank FROM (\
                   SELECT post_id, (-ts_rank(document, to_tsquery('simple', $1)))::float8 AS rank \
                   FROM post_search \
                   WHERE community_id = $2 AND status IN ({}) \
                     AND document @@ to_tsquery('simple', $1)) hits \
                 WHERE rank > $3 OR (rank = $3 AND post_id > $4) \
                 ORDER BY rank, post_id LIMIT $5",
                marks.join(", ")
            );
            let mut q = diesel::sql_query(sql)
                .into_boxed::<Pg>()
                .bind::<Text, _>(query)
                .bind::<Text, _>(community_id.to_string())
                .bind::<Double, _>(after_rank)
                .bind::<Text, _>(after_id.to_string())
                .bind::<BigInt, _>(limit);
            for s in statuses {
                q = q.bind::<Text, _>(s.to_string());
            }
            Ok(q.load::<Hit>(pg)?)
        }
        DbConn::Sqlite(lite) => {
            // Each word quoted: an FTS5 string, never an operator.
            let query = terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ");
            let marks = vec!["?"; statuses.len()].join(", ");
            let sql = format!(
                "SELECT post_id, rank FROM (\
                   SELECT post_id, bm25(post_search, 0.0, 0.0, 0.0, 10.0, 1.0) AS rank \
                   FROM post_search \
                   WHERE post_search MATCH ? AND community_id = ? AND status IN ({marks})) \
                 WHERE rank > ? OR (rank = ? AND post_id > ?) \
                 ORDER BY rank, post_id LIMIT ?"
            );
            let mut q = diesel::sql_query(sql)
                .into_boxed::<Sqlite>()
                .bind::<Text, _>(query)
                .bind::<Text, _>(community_id.to_string());
            for s in statuses {
                q = q.bind::<Text, _>(s.to_string());
            }
            Ok(q.bind::<Double, _>(after_rank)
                .bind::<Double, _>(after_rank)
                .bind::<Text, _>(after_id.to_string())
                .bind::<BigInt, _>(limit)
                .load::<Hit>(lite)?)
        }
    }
}
