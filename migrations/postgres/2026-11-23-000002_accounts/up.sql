-- Accounts, sessions, email, the conditions catalog (DESIGN §6.1, §6.2, §6.7).
CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT,
    handle TEXT NOT NULL,
    handle_lower TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL DEFAULT 'patient' CHECK (role IN ('patient', 'researcher', 'admin')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    status_reason TEXT,
    email_verified_at TIMESTAMP,
    visibility TEXT NOT NULL DEFAULT 'members' CHECK (visibility IN ('private', 'members', 'public')),
    birth_year INTEGER,
    sex TEXT,
    country TEXT,
    notify_email BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_handle_lower_key UNIQUE (handle_lower)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    user_agent TEXT,
    ip TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    failed_at TIMESTAMP NOT NULL,
    ip TEXT
);
CREATE INDEX login_failures_user_idx ON login_failures (user_id, failed_at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due_idx ON outbox (sent_at, next_attempt_at);
CREATE INDEX outbox_user_idx ON outbox (user_id);

CREATE TABLE conditions (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    icd10 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT conditions_slug_key UNIQUE (slug)
);

CREATE TABLE user_conditions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    condition_id TEXT NOT NULL REFERENCES conditions (id),
    diagnosis_year INTEGER,
    status TEXT NOT NULL CHECK (status IN ('active', 'in_remission', 'resolved')),
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT user_conditions_user_id_condition_id_key UNIQUE (user_id, condition_id)
);

INSERT INTO conditions (id, slug, name, icd10, created_at) VALUES
    ('cond-als', 'als', 'Amyotrophic lateral sclerosis (ALS)', 'G12.21', '2026-11-23 00:00:00'),
    ('cond-multiple-sclerosis', 'multiple-sclerosis', 'Multiple sclerosis', 'G35', '2026-11-23 00:00:00'),
    ('cond-parkinsons', 'parkinsons', 'Parkinson''s disease', 'G20', '2026-11-23 00:00:00'),
    ('cond-type-1-diabetes', 'type-1-diabetes', 'Type 1 diabetes', 'E10', '2026-11-23 00:00:00'),
    ('cond-type-2-diabetes', 'type-2-diabetes', 'Type 2 diabetes', 'E11', '2026-11-23 00:00:00'),
    ('cond-hypertension', 'hypertension', 'High blood pressure (hypertension)', 'I10', '2026-11-23 00:00:00'),
    ('cond-asthma', 'asthma', 'Asthma', 'J45', '2026-11-23 00:00:00'),
    ('cond-copd', 'copd', 'Chronic obstructive pulmonary disease (COPD)', 'J44', '2026-11-23 00:00:00'),
    ('cond-rheumatoid-arthritis', 'rheumatoid-arthritis', 'Rheumatoid arthritis', 'M06', '2026-11-23 00:00:00'),
    ('cond-depression', 'depression', 'Depression', 'F32', '2026-11-23 00:00:00'),
    ('cond-generalized-anxiety', 'generalized-anxiety', 'Generalized anxiety disorder', 'F41.1', '2026-11-23 00:00:00'),
    ('cond-bipolar-disorder', 'bipolar-disorder', 'Bipolar disorder', 'F31', '2026-11-23 00:00:00'),
    ('cond-epilepsy', 'epilepsy', 'Epilepsy', 'G40', '2026-11-23 00:00:00'),
    ('cond-migraine', 'migraine', 'Migraine', 'G43', '2026-11-23 00:00:00'),
    ('cond-fibromyalgia', 'fibromyalgia', 'Fibromyalgia', 'M79.7', '2026-11-23 00:00:00'),
    ('cond-crohns-disease', 'crohns-disease', 'Crohn''s disease', 'K50', '2026-11-23 00:00:00'),
    ('cond-ulcerative-colitis', 'ulcerative-colitis', 'Ulcerative colitis', 'K51', '2026-11-23 00:00:00'),
    ('cond-lupus', 'lupus', 'Systemic lupus erythematosus (lupus)', 'M32', '2026-11-23 00:00:00'),
    ('cond-chronic-kidney-disease', 'chronic-kidney-disease', 'Chronic kidney disease', 'N18', '2026-11-23 00:00:00'),
    ('cond-heart-failure', 'heart-failure', 'Heart failure', 'I50', '2026-11-23 00:00:00'),
    ('cond-long-covid', 'long-covid', 'Long COVID (post COVID-19 condition)', 'U09.9', '2026-11-23 00:00:00');
