-- Apple Health imports: the uploaded export waits under the data directory while a background
-- job reads it; the member follows its progress here.
CREATE TABLE health_imports (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    bytes_total BIGINT NOT NULL,
    bytes_done BIGINT NOT NULL DEFAULT 0,
    readings BIGINT NOT NULL DEFAULT 0,
    imported BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX health_imports_user_idx ON health_imports (user_id, created_at);
