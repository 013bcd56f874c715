-- Mail: the durable outbox, and what was decided before (so each mail is decided once).

-- One row per message, under its idempotency key. The message is stored whole, as sent, so a retry
-- (or a second delivery after a crash) carries the same bytes and Message-ID.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    message_id      TEXT    NOT NULL,
    message         BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    -- queued: to be sent (again) at next_attempt_at | sent | failed: given up, never retried
    state           TEXT    NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    sent_at         TEXT,
    -- The server's answer to the accepted message.
    reply           TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- Per pledge and period: its status when last decided on, and its lapses behind.
CREATE TABLE pledge_notices (
    pledge        TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    lapse         INTEGER NOT NULL,
    reminders     INTEGER NOT NULL,
    last_reminder TEXT,
    PRIMARY KEY (pledge, period)
);

-- The digests decided, with each pledge's count then (for the trend).
CREATE TABLE digests (
    week    TEXT PRIMARY KEY,
    as_of   TEXT NOT NULL,
    figures TEXT NOT NULL
);

-- Problems (row errors, refused files) already told to their log keeper.
CREATE TABLE noticed_problems (
    key         TEXT PRIMARY KEY,
    noticed_at  TEXT NOT NULL
);
