-- Outcome questionnaires (DESIGN §6.4). Seeded instruments are created at start-up.
CREATE TABLE questionnaires (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    licence TEXT NOT NULL,
    loinc_panel TEXT,
    loinc_total TEXT,
    recommended_interval_days INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT questionnaires_slug_key UNIQUE (slug)
);

CREATE TABLE questionnaire_conditions (
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    condition_id TEXT NOT NULL REFERENCES conditions (id),
    PRIMARY KEY (questionnaire_id, condition_id)
);

CREATE TABLE questionnaire_versions (
    id TEXT PRIMARY KEY NOT NULL,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    definition TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    retired_at TIMESTAMP,
    CONSTRAINT questionnaire_versions_questionnaire_id_version_key UNIQUE (questionnaire_id, version)
);

CREATE TABLE responses (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    version_id TEXT NOT NULL REFERENCES questionnaire_versions (id),
    client_id TEXT,
    score DOUBLE PRECISION,
    band TEXT,
    subscores TEXT NOT NULL,
    flags TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    CONSTRAINT responses_user_id_client_id_key UNIQUE (user_id, client_id)
);
CREATE INDEX responses_user_questionnaire_idx ON responses (user_id, questionnaire_id, submitted_at, id);
CREATE INDEX responses_user_time_idx ON responses (user_id, submitted_at, id);

CREATE TABLE response_items (
    id TEXT PRIMARY KEY NOT NULL,
    response_id TEXT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    value_number DOUBLE PRECISION,
    value_text TEXT
);
CREATE INDEX response_items_response_idx ON response_items (response_id);
CREATE INDEX response_items_user_idx ON response_items (user_id);
