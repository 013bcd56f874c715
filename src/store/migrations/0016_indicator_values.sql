-- The values of outcome indicators read from indicator sheets (`Indikator`, `År` or `Datum`, `Värde`,
-- `Källa`), traceable to file, sheet and row like activities. Files read before have none: the
-- reader's version changed with indicator sheets, so each is read again at the next ingest.
CREATE TABLE IF NOT EXISTS indicator_values (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files(id),
    sheet        TEXT    NOT NULL,
    -- 1-based, as the spreadsheet shows it.
    row          INTEGER NOT NULL,
    municipality TEXT    NOT NULL DEFAULT '',
    -- The indicator's name in the config.
    indicator    TEXT    NOT NULL,
    -- When it was measured: a year, or a day (ISO); exactly one of them.
    year         INTEGER,
    day          TEXT,
    -- The value in thousandths (95,1 is 95100).
    value        INTEGER NOT NULL,
    -- `Källa`, as written.
    origin       TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS indicator_values_file ON indicator_values(file_id);

-- The indicator values read from a file's counted version (beside `rows_read`, its activities).
ALTER TABLE files ADD COLUMN values_read INTEGER NOT NULL DEFAULT 0;
