-- A police area in one install: what was decided for a pledge, the last digest and the figures a
-- follow-up stated are each kept per municipality (its id; empty for a municipality alone, as every
-- row of an earlier store is). Tables whose key must include it are made anew and their rows copied.
CREATE TABLE pledge_notices_new (
    municipality  TEXT    NOT NULL DEFAULT '',
    pledge        TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    lapse         INTEGER NOT NULL,
    reminders     INTEGER NOT NULL,
    last_reminder TEXT,
    PRIMARY KEY (municipality, pledge, period)
);
INSERT INTO pledge_notices_new (pledge, period, status, lapse, reminders, last_reminder)
    SELECT pledge, period, status, lapse, reminders, last_reminder FROM pledge_notices;
DROP TABLE pledge_notices;
ALTER TABLE pledge_notices_new RENAME TO pledge_notices;

CREATE TABLE digest_counts_new (
    municipality TEXT    NOT NULL DEFAULT '',
    week         TEXT    NOT NULL,
    digest_key   TEXT    NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (municipality, week, digest_key)
);
INSERT INTO digest_counts_new (week, digest_key, count) SELECT week, digest_key, count FROM digest_counts;
DROP TABLE digest_counts;

CREATE TABLE digests_new (
    municipality TEXT NOT NULL DEFAULT '',
    week         TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    PRIMARY KEY (municipality, week)
);
INSERT INTO digests_new (week, as_of) SELECT week, as_of FROM digests;
DROP TABLE digests;
ALTER TABLE digests_new RENAME TO digests;
ALTER TABLE digest_counts_new RENAME TO digest_counts;

CREATE TABLE reported_figures_new (
    municipality TEXT    NOT NULL DEFAULT '',
    period       TEXT    NOT NULL,
    pledge       TEXT    NOT NULL,
    count        INTEGER NOT NULL,
    verdict      TEXT    NOT NULL,
    PRIMARY KEY (municipality, period, pledge)
);
INSERT INTO reported_figures_new (period, pledge, count, verdict)
    SELECT period, pledge, count, verdict FROM reported_figures;
DROP TABLE reported_figures;
ALTER TABLE reported_figures_new RENAME TO reported_figures;
