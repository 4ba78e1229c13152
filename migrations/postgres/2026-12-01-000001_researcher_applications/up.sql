-- Researcher verification (DESIGN §6.6, issue 15): a verified member applies; an admin
-- approves (the member becomes a researcher) or rejects with a reason.
CREATE TABLE researcher_applications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    institution TEXT NOT NULL,
    title TEXT NOT NULL,
    institutional_email TEXT NOT NULL,
    statement TEXT NOT NULL,
    orcid TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX researcher_applications_user_idx ON researcher_applications (user_id, created_at);
CREATE INDEX researcher_applications_queue_idx ON researcher_applications (status, created_at, id);
-- At most one pending application per member.
CREATE UNIQUE INDEX researcher_applications_user_id_key ON researcher_applications (user_id)
    WHERE status = 'pending';
