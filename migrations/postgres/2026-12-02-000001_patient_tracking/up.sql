-- The patient's tracking, finished (issue 18).

-- Blood glucose readings say when they were taken relative to meals.
ALTER TABLE measurements ADD COLUMN context TEXT
    CHECK (context IS NULL OR context IN ('fasting', 'before_meal', 'after_meal', 'bedtime'));

-- The member's IANA time zone (e.g. Europe/Berlin): times without an offset in a CSV import
-- are read in it.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- The unit a member reads and enters each measurement type in (values are stored canonical).
CREATE TABLE display_units (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type_slug TEXT NOT NULL,
    unit TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, type_slug)
);

-- PHQ-9 asks the PHQ-2's questions and GAD-7 the GAD-2's: a response to the longer one counts
-- for the shorter one when deciding what is due (`covers` in the definition). Installed
-- versions 1 of the seeded instruments get the declaration; it changes no item or score.
-- New installs get it from the seeds.
UPDATE questionnaires SET description = 'Nine questions about low mood and related problems, then one optional question about how much they get in the way. Over the last 2 weeks, how often have you been bothered by any of the following problems?'
 WHERE slug = 'phq-9' AND description = 'Nine questions about low mood and related problems. Over the last 2 weeks, how often have you been bothered by any of the following problems?';
UPDATE questionnaire_versions SET definition = (definition::jsonb || '{"covers": ["phq-2"]}'::jsonb)::text
 WHERE version = 1 AND NOT (definition::jsonb ? 'covers')
   AND questionnaire_id = (SELECT id FROM questionnaires WHERE slug = 'phq-9');
UPDATE questionnaire_versions SET definition = (definition::jsonb || '{"covers": ["gad-2"]}'::jsonb)::text
 WHERE version = 1 AND NOT (definition::jsonb ? 'covers')
   AND questionnaire_id = (SELECT id FROM questionnaires WHERE slug = 'gad-7');
