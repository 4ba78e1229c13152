CREATE INDEX post_search_document_idx ON post_search USING GIN (document);
DROP INDEX post_search_community_document_idx;
CREATE INDEX post_search_community_idx ON post_search (community_id);
DROP INDEX post_search_window_idx;
ALTER TABLE post_search DROP COLUMN entry;
