-- The planned activities read from plan sheets (`Löfte`, `Datum` or `Vecka`, `Planerat`, `Part`),
-- traceable to file, sheet and row like activities; read again with their file.
CREATE TABLE IF NOT EXISTS plan_rows (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files(id),
    sheet        TEXT    NOT NULL,
    -- 1-based, as the spreadsheet shows it.
    row          INTEGER NOT NULL,
    municipality TEXT    NOT NULL DEFAULT '',
    -- The pledge's id.
    pledge       TEXT    NOT NULL,
    -- When: a day (ISO), or an ISO week (year and week); exactly one of them.
    day          TEXT,
    year         INTEGER,
    week         INTEGER,
    what         TEXT    NOT NULL,
    -- The party's id; NULL: the pledge's owners together.
    party        TEXT
);
CREATE INDEX IF NOT EXISTS plan_rows_file ON plan_rows(file_id);

-- The planned activities read from a file's counted version.
ALTER TABLE files ADD COLUMN plans_read INTEGER NOT NULL DEFAULT 0;
