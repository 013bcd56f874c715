-- Small facts about mail decisions, e.g. `last_as_of`: the latest day mail was decided for.
-- The first release of the outbox (schema 3) had no such table; stores made by later builds of that
-- release created it in 0003, hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS mail_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
