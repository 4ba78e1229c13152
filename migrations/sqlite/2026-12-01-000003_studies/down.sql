DROP TABLE study_categories;
DROP TABLE study_eligibility;
DROP TABLE study_members;
DROP TABLE studies;
