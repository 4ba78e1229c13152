UPDATE questionnaire_versions SET definition = json_remove(definition, '$.covers')
 WHERE version = 1
   AND questionnaire_id IN (SELECT id FROM questionnaires WHERE slug IN ('phq-9', 'gad-7'));
UPDATE questionnaires SET description = 'Nine questions about low mood and related problems. Over the last 2 weeks, how often have you been bothered by any of the following problems?' WHERE slug = 'phq-9' AND description = 'Nine questions about low mood and related problems, then one optional question about how much they get in the way. Over the last 2 weeks, how often have you been bothered by any of the following problems?';
DROP TABLE display_units;
ALTER TABLE users DROP COLUMN time_zone;
ALTER TABLE measurements DROP COLUMN context;
