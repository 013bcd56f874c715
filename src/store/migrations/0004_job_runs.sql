-- The daemon's jobs: which slot of each job ran (or was skipped), when, and how it went. The truth of
-- "has this job run for this slot"; a slot is recorded after its job finished, so a job cut short runs
-- again (every job is idempotent).
CREATE TABLE job_runs (
    id          INTEGER PRIMARY KEY,
    job         TEXT NOT NULL,
    -- The slot, UTC RFC 3339.
    slot        TEXT NOT NULL,
    -- ok | failed (it ran and reported an error) | skipped (older than the catch-up horizon)
    outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'skipped')),
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    detail      TEXT NOT NULL,
    UNIQUE (job, slot)
);
