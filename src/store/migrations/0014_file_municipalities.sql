-- How many activities and row problems each counted file version holds of each municipality, kept
-- with its rows (written when a file is read, removed with its rows): a municipality's totals and
-- which files hold its rows, without reading its activities. Filled here from what is stored.
CREATE TABLE file_municipalities (
    file_id      INTEGER NOT NULL REFERENCES files(id),
    municipality TEXT    NOT NULL,
    activities   INTEGER NOT NULL DEFAULT 0,
    row_problems INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (file_id, municipality)
);
CREATE INDEX file_municipalities_municipality ON file_municipalities(municipality);
INSERT INTO file_municipalities (file_id, municipality, activities)
    SELECT file_id, municipality, count(*) FROM activities GROUP BY file_id, municipality;
INSERT INTO file_municipalities (file_id, municipality, row_problems)
    SELECT file_id, municipality, count(*) FROM problems WHERE level = 'row' GROUP BY file_id, municipality
    ON CONFLICT (file_id, municipality) DO UPDATE SET row_problems = excluded.row_problems;
