DROP TABLE consent_events;
DROP TABLE comprehension_checks;
