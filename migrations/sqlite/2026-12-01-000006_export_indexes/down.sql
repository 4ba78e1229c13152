DROP INDEX response_items_response_idx;
CREATE INDEX response_items_response_idx ON response_items (response_id);

DROP INDEX responses_user_questionnaire_idx;
CREATE INDEX responses_user_questionnaire_idx ON responses (user_id, questionnaire_id, submitted_at, id);

DROP INDEX measurements_user_time_idx;
CREATE INDEX measurements_user_time_idx ON measurements (user_id, taken_at, id);
