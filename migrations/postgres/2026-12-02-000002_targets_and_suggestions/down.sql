DROP TABLE condition_measurement_types;
DROP TABLE measurement_targets;
