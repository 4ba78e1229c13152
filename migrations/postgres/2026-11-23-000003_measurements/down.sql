DROP TABLE measurement_edits;
DROP TABLE measurements;
DROP TABLE measurement_types;
