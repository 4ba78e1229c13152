CREATE INDEX post_search_community_idx ON post_search (community_id);
DROP INDEX post_search_window_idx;
ALTER TABLE post_search DROP COLUMN entry;
