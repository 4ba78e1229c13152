-- At-home measurements (DESIGN §6.5). Types are seeded at start-up from the domain catalog.
CREATE TABLE measurement_types (
    slug TEXT PRIMARY KEY NOT NULL,
    definition TEXT NOT NULL,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE measurements (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type_slug TEXT NOT NULL REFERENCES measurement_types (slug),
    value1 DOUBLE PRECISION NOT NULL,
    value2 DOUBLE PRECISION,
    unit TEXT NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('manual', 'device', 'import')),
    client_id TEXT,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT measurements_user_id_client_id_key UNIQUE (user_id, client_id)
);
-- Lists and summaries read one member's one type over a time range.
CREATE INDEX measurements_user_type_time_idx ON measurements (user_id, type_slug, taken_at, id);
CREATE INDEX measurements_user_time_idx ON measurements (user_id, taken_at, id);

CREATE TABLE measurement_edits (
    id TEXT PRIMARY KEY NOT NULL,
    measurement_id TEXT NOT NULL REFERENCES measurements (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    edited_at TIMESTAMP NOT NULL,
    previous TEXT NOT NULL
);
CREATE INDEX measurement_edits_measurement_idx ON measurement_edits (measurement_id, edited_at);
