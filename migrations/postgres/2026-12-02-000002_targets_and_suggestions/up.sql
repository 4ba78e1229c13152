-- A member's target range per measurement type, in the canonical unit; component 1 and 2 as in
-- `measurements` (blood pressure: systolic, diastolic). A missing bound is open.
CREATE TABLE measurement_targets (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type_slug TEXT NOT NULL,
    low1 DOUBLE PRECISION,
    high1 DOUBLE PRECISION,
    low2 DOUBLE PRECISION,
    high2 DOUBLE PRECISION,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, type_slug)
);

-- What to track for a condition: the measurement types suggested to a member who lists it (the
-- questionnaires are linked in `questionnaire_conditions`). Data, editable by admins.
CREATE TABLE condition_measurement_types (
    condition_id TEXT NOT NULL REFERENCES conditions (id) ON DELETE CASCADE,
    type_slug TEXT NOT NULL,
    PRIMARY KEY (condition_id, type_slug)
);

INSERT INTO condition_measurement_types (condition_id, type_slug) VALUES
    ('cond-hypertension', 'blood_pressure'),
    ('cond-hypertension', 'heart_rate'),
    ('cond-hypertension', 'body_weight'),
    ('cond-type-1-diabetes', 'blood_glucose'),
    ('cond-type-2-diabetes', 'blood_glucose'),
    ('cond-type-2-diabetes', 'body_weight'),
    ('cond-type-2-diabetes', 'blood_pressure'),
    ('cond-asthma', 'peak_flow'),
    ('cond-copd', 'peak_flow'),
    ('cond-copd', 'spo2'),
    ('cond-heart-failure', 'body_weight'),
    ('cond-heart-failure', 'blood_pressure'),
    ('cond-heart-failure', 'heart_rate'),
    ('cond-chronic-kidney-disease', 'blood_pressure'),
    ('cond-chronic-kidney-disease', 'body_weight'),
    ('cond-rheumatoid-arthritis', 'pain'),
    ('cond-fibromyalgia', 'pain'),
    ('cond-migraine', 'pain'),
    ('cond-lupus', 'pain'),
    ('cond-depression', 'mood'),
    ('cond-bipolar-disorder', 'mood'),
    ('cond-generalized-anxiety', 'mood');
