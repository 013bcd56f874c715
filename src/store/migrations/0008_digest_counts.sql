-- A digest's figures are stored as rows, one per pledge (`digest_key`, see src/notices.rs), instead of
-- the JSON text schemas 3 to 7 wrote through serde: the store's encodings are explicit. The figures
-- already there are carried over; the week and the day the digest was computed for stay in `digests`.
CREATE TABLE digest_counts (
    week       TEXT NOT NULL REFERENCES digests (week),
    digest_key TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (week, digest_key)
);
INSERT INTO digest_counts (week, digest_key, count)
    SELECT d.week, j.key, j.value FROM digests d, json_each(d.figures, '$.counts') j
    WHERE json_valid(d.figures);
ALTER TABLE digests DROP COLUMN figures;
