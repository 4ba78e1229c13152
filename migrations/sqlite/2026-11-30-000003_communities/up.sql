-- Condition communities, threads and posts, reports and accountable moderation, appeals,
-- in-app notifications and admin flags (DESIGN §6.2, §6.3, §6.7; docs/communities.md).
CREATE TABLE communities (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The condition the community is about (NULL for general communities).
    condition_id TEXT REFERENCES conditions (id),
    -- 'members': content readable by its members only; 'public': any signed-in member reads.
    visibility TEXT NOT NULL DEFAULT 'members' CHECK (visibility IN ('members', 'public')),
    -- The first post of a new member waits for a moderator's approval.
    approve_first_posts BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT communities_slug_key UNIQUE (slug)
);

CREATE TABLE community_members (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    joined_at TIMESTAMP NOT NULL,
    CONSTRAINT community_members_community_id_user_id_key UNIQUE (community_id, user_id)
);
CREATE INDEX community_members_user_idx ON community_members (user_id);

CREATE TABLE community_moderators (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    appointed_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT community_moderators_community_id_user_id_key UNIQUE (community_id, user_id)
);
CREATE INDEX community_moderators_user_idx ON community_moderators (user_id);

CREATE TABLE threads (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    -- Published "as a member": the author is hidden from other members.
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('published', 'held', 'removed', 'deleted', 'rejected')),
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    -- Posts so far (the next post's position is post_count + 1).
    post_count INTEGER NOT NULL DEFAULT 0,
    last_activity_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- A community's thread list: pinned first, then by last activity (keyset).
CREATE INDEX threads_listing_idx ON threads (community_id, pinned, last_activity_at, id);
CREATE INDEX threads_author_idx ON threads (author_id);

CREATE TABLE posts (
    id TEXT PRIMARY KEY NOT NULL,
    thread_id TEXT NOT NULL REFERENCES threads (id),
    community_id TEXT NOT NULL REFERENCES communities (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    -- Position in the thread, from 1 (the thread's first post).
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('published', 'held', 'removed', 'deleted', 'rejected')),
    -- The body before the last edit (shown to moderators).
    previous_body TEXT,
    edited_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT posts_thread_id_seq_key UNIQUE (thread_id, seq)
);
CREATE INDEX posts_author_idx ON posts (author_id, created_at);
CREATE INDEX posts_held_idx ON posts (community_id, status);

-- How far each member has read each thread.
CREATE TABLE thread_reads (
    user_id TEXT NOT NULL REFERENCES users (id),
    thread_id TEXT NOT NULL REFERENCES threads (id),
    last_seq INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);

CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    thread_id TEXT NOT NULL REFERENCES threads (id),
    -- The reported post (NULL: the thread as a whole).
    post_id TEXT REFERENCES posts (id),
    -- NULL: filed by the system (crisis language).
    reporter_id TEXT REFERENCES users (id),
    category TEXT NOT NULL CHECK (category IN ('spam', 'harassment', 'misinformation',
        'promotion', 'self_harm', 'privacy', 'other')),
    details TEXT NOT NULL DEFAULT '',
    -- The reported text as it was when reported.
    snapshot TEXT NOT NULL,
    -- 0 for self-harm concerns (top of the queue), 1 otherwise.
    priority INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'actioned')),
    resolved_by TEXT REFERENCES users (id),
    resolution_reason TEXT,
    resolved_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reports_queue_idx ON reports (community_id, status, priority, created_at);
CREATE INDEX reports_reporter_idx ON reports (reporter_id);

-- The moderation log: one row per moderator action, each with its reason.
CREATE TABLE mod_actions (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    -- NULL: taken by the system.
    moderator_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    -- 'post', 'thread', 'member', 'report' or 'appeal'.
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    -- The member affected (the author of a post, the banned member).
    target_user_id TEXT REFERENCES users (id),
    reason TEXT NOT NULL,
    expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mod_actions_log_idx ON mod_actions (community_id, created_at, id);
CREATE INDEX mod_actions_target_user_idx ON mod_actions (target_user_id);

CREATE TABLE bans (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    mod_action_id TEXT NOT NULL REFERENCES mod_actions (id),
    reason TEXT NOT NULL,
    -- NULL: for good.
    expires_at TIMESTAMP,
    lifted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX bans_member_idx ON bans (community_id, user_id);

CREATE TABLE appeals (
    id TEXT PRIMARY KEY NOT NULL,
    mod_action_id TEXT NOT NULL REFERENCES mod_actions (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    statement TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'reversed')),
    resolved_by TEXT REFERENCES users (id),
    resolution_reason TEXT,
    resolved_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    -- One appeal per action.
    CONSTRAINT appeals_mod_action_id_key UNIQUE (mod_action_id)
);
CREATE INDEX appeals_user_idx ON appeals (user_id);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    -- Where it leads in the web app (a path), if anywhere.
    link TEXT,
    read_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at, id);

-- Accounts flagged to admins (e.g. reading far faster than a person can).
CREATE TABLE admin_flags (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
CREATE INDEX admin_flags_open_idx ON admin_flags (resolved_at, created_at);
CREATE INDEX admin_flags_user_idx ON admin_flags (user_id);

-- One community per seeded condition, and a few general ones.
INSERT INTO communities (id, slug, name, description, condition_id, visibility,
                         approve_first_posts, created_at, updated_at)
SELECT 'comm-' || slug, slug, name, 'For people living with ' || name || ' and those close to them.',
       id, 'members', FALSE, '2026-11-30 00:00:00', '2026-11-30 00:00:00'
FROM conditions WHERE id LIKE 'cond-%';
INSERT INTO communities (id, slug, name, description, condition_id, visibility,
                         approve_first_posts, created_at, updated_at) VALUES
    ('comm-caregivers', 'caregivers', 'Caregivers', 'For people who care for someone living with a condition.', NULL, 'members', FALSE, '2026-11-30 00:00:00', '2026-11-30 00:00:00'),
    ('comm-chronic-pain', 'chronic-pain', 'Living with chronic pain', 'Day-to-day life with pain that does not go away.', NULL, 'members', FALSE, '2026-11-30 00:00:00', '2026-11-30 00:00:00'),
    ('comm-newly-diagnosed', 'newly-diagnosed', 'Newly diagnosed', 'The first months after a diagnosis: questions, first steps, finding your way.', NULL, 'public', FALSE, '2026-11-30 00:00:00', '2026-11-30 00:00:00'),
    ('comm-welcome', 'welcome', 'Welcome and help', 'Introduce yourself, ask how Kindred works, suggest improvements.', NULL, 'public', FALSE, '2026-11-30 00:00:00', '2026-11-30 00:00:00');

-- Full-text search over published posts (the thread title goes with its first post). Kept in
-- step with posts by the same transaction that writes them (db::queries::forum_search). Text
-- is stored folded (lower case, no diacritics) by the application, so both backends match the
-- same words.
CREATE VIRTUAL TABLE post_search USING fts5(
    post_id UNINDEXED,
    community_id UNINDEXED,
    -- The post's status: members search published posts, moderators removed ones too.
    status UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
