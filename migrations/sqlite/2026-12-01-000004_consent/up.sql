-- Consent to research (DESIGN §6.6, issue 15).

-- A member passed the plain-language comprehension check (needed before a first consent).
CREATE TABLE comprehension_checks (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    passed_at TIMESTAMP NOT NULL
);

-- Consent events, append-only: a grant (a consent version with the categories granted and the
-- SHA-256 of the text agreed to) or a withdrawal. A member's consent to a study is their
-- latest event (highest seq) for it.
CREATE TABLE consent_events (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES studies (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    -- The event's number for this member and study (1, 2, ...): two at once cannot both win.
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('granted', 'withdrawn')),
    -- The consent version (grants counted); a withdrawal carries the version it ended.
    version INTEGER NOT NULL,
    -- JSON array of categories (empty for a withdrawal).
    categories TEXT NOT NULL,
    consent_sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT consent_events_study_id_user_id_seq_key UNIQUE (study_id, user_id, seq)
);
CREATE INDEX consent_events_user_idx ON consent_events (user_id, created_at);
