-- De-identified exports of a study's consented data (DESIGN §6.6, issue 15).

-- One export: requested by a researcher of the study, run by a background worker that claims
-- it under a lease (status 'running', lease_until); a worker that stops or crashes leaves the
-- lease to lapse and another claims it again (attempts counts the claims). 'ready' is written
-- only after the whole file is on disk under its final name; after the retention period the
-- file is deleted and the row says 'expired' (its manifest stays).
CREATE TABLE exports (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES studies (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    format TEXT NOT NULL CHECK (format IN ('csv', 'ndjson', 'fhir')),
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed', 'expired')),
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until TIMESTAMP,
    error TEXT,
    -- The zip: its SHA-256 and size; the manifest (JSON) with row counts and the consent
    -- snapshot by pseudonym.
    file_sha256 TEXT,
    size_bytes INTEGER,
    participants INTEGER,
    manifest TEXT,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    expires_at TIMESTAMP,
    expired_at TIMESTAMP
);
CREATE INDEX exports_study_idx ON exports (study_id, created_at);
CREATE INDEX exports_status_idx ON exports (status);

-- A participant's pseudonym in one study: random (never derived from the user id), the same
-- in every export of the study, unique across all studies.
CREATE TABLE study_pseudonyms (
    study_id TEXT NOT NULL REFERENCES studies (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    pseudonym TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (study_id, user_id)
);

-- Who was in an export, with which consent and categories, and how many days of data: the
-- consent snapshot of the export and each member's data-access log. Written in the same
-- transaction that marks the export ready.
CREATE TABLE data_access (
    export_id TEXT NOT NULL REFERENCES exports (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    study_id TEXT NOT NULL REFERENCES studies (id),
    consent_event_id TEXT NOT NULL REFERENCES consent_events (id),
    consent_version INTEGER NOT NULL,
    -- JSON array: the categories of this member that the export holds.
    categories TEXT NOT NULL,
    days_of_data INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (export_id, user_id)
);
CREATE INDEX data_access_user_idx ON data_access (user_id, created_at);
