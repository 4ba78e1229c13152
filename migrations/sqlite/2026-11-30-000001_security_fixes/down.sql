DROP TABLE retired_handles;
DROP INDEX outbox_recipient_kind_idx;
ALTER TABLE outbox DROP COLUMN failed_at;
ALTER TABLE outbox DROP COLUMN kind;
DROP TABLE auth_failures;
