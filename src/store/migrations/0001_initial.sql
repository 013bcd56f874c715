-- The first schema: files seen in the inbox, the activities read from them, and what could not be read.
-- Migrations are append-only: never edit this file once shipped; add 0002_….sql instead.

-- One row per path ever seen in a source folder.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL,
    -- Relative to the config file's directory, '/' separators.
    path          TEXT    NOT NULL UNIQUE,
    -- The version on disk when last looked at.
    size          INTEGER NOT NULL,
    mtime_ns      INTEGER NOT NULL,
    hash          TEXT    NOT NULL,
    -- read: its rows count | duplicate: byte-identical to duplicate_of, counts once there
    -- refused: the version on disk could not be read | missing: gone from the folder, rows still count
    state         TEXT    NOT NULL CHECK (state IN ('read', 'duplicate', 'refused', 'missing')),
    duplicate_of  INTEGER REFERENCES files(id),
    format        TEXT,
    -- The reading fingerprint of the config when the file was last read (see Config::reading_fingerprint).
    fingerprint   TEXT    NOT NULL,
    -- The version whose rows are in `activities` (differs from `hash` when a newer version was refused).
    counted_hash  TEXT,
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_skipped  INTEGER NOT NULL DEFAULT 0,
    row_problems  INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    -- When the version on disk was first read.
    last_changed  TEXT    NOT NULL,
    missing_since TEXT
);
CREATE INDEX files_hash ON files(hash);

-- One row per activity read, traceable to file, sheet and row.
CREATE TABLE activities (
    id        INTEGER PRIMARY KEY,
    file_id   INTEGER NOT NULL REFERENCES files(id),
    sheet     TEXT    NOT NULL,
    -- 1-based, as the spreadsheet shows it.
    row       INTEGER NOT NULL,
    date      TEXT    NOT NULL,
    activity  TEXT    NOT NULL,
    count     INTEGER NOT NULL,
    place     TEXT    NOT NULL,
    partners  TEXT    NOT NULL,
    tags      TEXT    NOT NULL
);
CREATE INDEX activities_file ON activities(file_id);

-- What could not be read: a row, a skipped sheet, or a refused file.
CREATE TABLE problems (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files(id),
    -- 'row' | 'sheet' (a skipped sheet, a note) | 'file' (the file was refused)
    level      TEXT    NOT NULL CHECK (level IN ('row', 'sheet', 'file')),
    sheet      TEXT    NOT NULL,
    row        INTEGER,
    code       TEXT    NOT NULL,
    -- The reason as JSON data; `message` is its Swedish text.
    detail     TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    -- When this same problem was first seen in this file (kept across re-reads).
    first_seen TEXT    NOT NULL
);
CREATE INDEX problems_file ON problems(file_id);

-- One row per ingest run.
CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    -- The per-file report as JSON.
    report      TEXT NOT NULL
);
