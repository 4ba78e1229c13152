DROP TABLE response_items;
DROP TABLE responses;
DROP TABLE questionnaire_versions;
DROP TABLE questionnaire_conditions;
DROP TABLE questionnaires;
