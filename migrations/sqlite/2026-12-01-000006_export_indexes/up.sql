-- Research exports read each participant's rows in time order. Covering indexes let them read
-- the index alone instead of seeking into the table once per row (the export benchmark spent
-- half its time in those seeks). SQLite has no INCLUDE, so the extra columns are trailing keys;
-- the leading columns, and so every earlier use of these indexes, are unchanged.
DROP INDEX measurements_user_time_idx;
CREATE INDEX measurements_user_time_idx
    ON measurements (user_id, taken_at, id, type_slug, value1, value2, unit);

DROP INDEX responses_user_questionnaire_idx;
CREATE INDEX responses_user_questionnaire_idx
    ON responses (user_id, questionnaire_id, submitted_at, id, version_id, score, band);

-- A text answer is at most 2,000 characters; SQLite keeps long keys in overflow pages.
DROP INDEX response_items_response_idx;
CREATE INDEX response_items_response_idx
    ON response_items (response_id, item_key, value_number, value_text);
