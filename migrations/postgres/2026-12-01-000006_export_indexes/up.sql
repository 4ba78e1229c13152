-- Research exports read each participant's rows in time order. Covering indexes (INCLUDE) let
-- them use index-only scans instead of visiting the heap once per row. The key columns, and so
-- every earlier use of these indexes, are unchanged.
DROP INDEX measurements_user_time_idx;
CREATE INDEX measurements_user_time_idx
    ON measurements (user_id, taken_at, id) INCLUDE (type_slug, value1, value2, unit);

DROP INDEX responses_user_questionnaire_idx;
CREATE INDEX responses_user_questionnaire_idx
    ON responses (user_id, questionnaire_id, submitted_at, id) INCLUDE (version_id, score, band);

-- Answers in their file order. The text (up to 2,000 characters, so up to 8 kB) stays out: a
-- B-tree entry must fit in a third of a page.
DROP INDEX response_items_response_idx;
CREATE INDEX response_items_response_idx
    ON response_items (response_id, item_key) INCLUDE (value_number);
