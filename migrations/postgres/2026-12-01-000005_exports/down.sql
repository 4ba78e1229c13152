DROP TABLE data_access;
DROP TABLE study_pseudonyms;
DROP TABLE exports;
