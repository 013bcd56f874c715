-- The latest failure of each job that is failing. A failed slot is not recorded in job_runs (it is
-- tried again at the next pass), so without this `jobs` would show only the last success. The row is
-- removed when the job next succeeds.
CREATE TABLE job_failures (
    job      TEXT PRIMARY KEY,
    -- The slot being tried, UTC RFC 3339.
    slot     TEXT NOT NULL,
    -- The first and the latest failed attempt.
    first_at TEXT NOT NULL,
    last_at  TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    -- Why the latest attempt failed.
    detail   TEXT NOT NULL
);
