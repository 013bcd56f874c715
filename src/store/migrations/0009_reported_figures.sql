-- The figures a mailed follow-up stated, per pledge (or those the last correction told): a change of
-- them afterwards (a log re-saved late) is told as one correction, never as an outcome mail.
CREATE TABLE reported_figures (
    period  TEXT NOT NULL,
    pledge  TEXT NOT NULL,
    count   INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (period, pledge)
);
