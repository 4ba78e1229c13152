CREATE VIRTUAL TABLE post_search_plain USING fts5(
    post_id UNINDEXED,
    community_id UNINDEXED,
    status UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO post_search_plain (post_id, community_id, status, title, body)
SELECT post_id, community_id, status, title, body FROM post_search ORDER BY rowid;
DROP TABLE post_search;
ALTER TABLE post_search_plain RENAME TO post_search;
DROP TABLE post_search_scopes;
