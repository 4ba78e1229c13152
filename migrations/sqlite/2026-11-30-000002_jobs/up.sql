-- The job queue (docs/architecture.md, "Jobs"): work that runs outside a request, claimed by
-- one worker at a time under a lease, retried with backoff, and dead after max_attempts.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    -- JSON.
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    -- Claims so far (a claim counts as an attempt whether or not it reports back).
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
    run_after TIMESTAMP NOT NULL,
    -- While running: the claim holds until this time; after it, another worker may retry.
    lease_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX jobs_claim_idx ON jobs (state, run_after);
