-- Security findings of 2026-11-30 (docs/security.md).

-- Failed password checks keyed by a hash of the email address, known or not, so that the
-- backoff answers the same for accounts that exist and for those that do not.
CREATE TABLE auth_failures (
    id TEXT PRIMARY KEY NOT NULL,
    account_key TEXT NOT NULL,
    ip TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX auth_failures_account_idx ON auth_failures (account_key, failed_at);

-- Each email says what kind it is (per-recipient cooldowns, token redaction), and a message
-- the transport can never deliver is marked failed instead of retried for ever.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE outbox ADD COLUMN failed_at TIMESTAMP;
CREATE INDEX outbox_recipient_kind_idx ON outbox (to_address, kind, created_at);

-- Handles of erased accounts are held for a while so nobody can take one over at once.
CREATE TABLE retired_handles (
    handle_key TEXT PRIMARY KEY NOT NULL,
    retired_at TIMESTAMP NOT NULL
);

-- Handles are unique with '-', '_' and '.' compared as one character. Legacy pairs that now
-- collide keep their old key (only new handles are refused).
UPDATE users SET handle_lower = replace(replace(handle_lower, '-', '_'), '.', '_')
 WHERE NOT EXISTS (
     SELECT 1 FROM users other
      WHERE other.id <> users.id
        AND replace(replace(other.handle_lower, '-', '_'), '.', '_')
            = replace(replace(users.handle_lower, '-', '_'), '.', '_'));
