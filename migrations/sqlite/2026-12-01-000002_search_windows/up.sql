-- Search in windows (issue 14, docs/communities.md "Search"): a search ranks the newest
-- matches of one community, a window at a time, so its cost follows the page asked for and not
-- the size of the community. FTS5 filters nothing but its own tokens and rowids, so each
-- community gets a scope, and its entries a rowid inside the scope's range:
-- rowid = scope_key * 2^40 + entry number (1, 2, ... in the order entries were written).
-- A community filter is then a rowid range that FTS5 seeks to, and "newest first" is the
-- rowid order FTS5 walks natively.
CREATE TABLE post_search_scopes (
    scope_key INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL UNIQUE REFERENCES communities (id),
    -- The number of the scope's last entry.
    last_entry INTEGER NOT NULL DEFAULT 0
);

INSERT INTO post_search_scopes (community_id)
SELECT id FROM communities ORDER BY created_at, id;

CREATE VIRTUAL TABLE post_search_keyed USING fts5(
    post_id UNINDEXED,
    community_id UNINDEXED,
    status UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO post_search_keyed (rowid, post_id, community_id, status, title, body)
SELECT (s.scope_key << 40)
         + ROW_NUMBER() OVER (PARTITION BY p.community_id ORDER BY p.rowid),
       p.post_id, p.community_id, p.status, p.title, p.body
  FROM post_search p JOIN post_search_scopes s ON s.community_id = p.community_id;

UPDATE post_search_scopes
   SET last_entry = (SELECT COUNT(*) FROM post_search p
                      WHERE p.community_id = post_search_scopes.community_id);

DROP TABLE post_search;
ALTER TABLE post_search_keyed RENAME TO post_search;
