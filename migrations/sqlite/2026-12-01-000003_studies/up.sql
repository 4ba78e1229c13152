-- Studies (DESIGN §6.6, issue 15): a researcher drafts a study, submits it for review, an
-- admin approves it (choosing how dates are exported) or rejects it with a reason; a
-- submitted or approved study is frozen; a study past its end date is closed.
CREATE TABLE studies (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    -- What a patient reads before consenting.
    lay_summary TEXT NOT NULL,
    purpose TEXT NOT NULL,
    -- Ethics committee / IRB approval reference.
    ethics_reference TEXT NOT NULL,
    -- Data window (inclusive days) and the day after which the study closes.
    data_from DATE NOT NULL,
    data_to DATE NOT NULL,
    ends_on DATE NOT NULL,
    -- Minimum cohort size k (at least the platform minimum when submitted).
    min_cohort INTEGER NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'closed')),
    -- Chosen by the approving admin: day offsets ('relative') or timestamps ('absolute').
    date_mode TEXT CHECK (date_mode IN ('relative', 'absolute')),
    review_reason TEXT,
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at TIMESTAMP,
    submitted_at TIMESTAMP,
    closed_at TIMESTAMP,
    -- Fixed at approval: the text members consent to, and its SHA-256 (hex).
    consent_text TEXT,
    consent_sha256 TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (data_from <= data_to)
);
CREATE INDEX studies_owner_idx ON studies (owner_id);
CREATE INDEX studies_review_idx ON studies (status, submitted_at, id);

-- The researchers of a study (the owner among them).
CREATE TABLE study_members (
    study_id TEXT NOT NULL REFERENCES studies (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (study_id, user_id)
);
CREATE INDEX study_members_user_idx ON study_members (user_id);

-- Who is eligible: members with one of the conditions or in one of the communities.
CREATE TABLE study_eligibility (
    study_id TEXT NOT NULL REFERENCES studies (id),
    kind TEXT NOT NULL CHECK (kind IN ('condition', 'community')),
    ref_id TEXT NOT NULL,
    PRIMARY KEY (study_id, kind, ref_id)
);

-- The requested data categories, each with the one-line reason patients read.
CREATE TABLE study_categories (
    study_id TEXT NOT NULL REFERENCES studies (id),
    category TEXT NOT NULL,
    reason TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (study_id, category)
);
