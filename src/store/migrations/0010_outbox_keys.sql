-- A mail that carries several decisions (a person's reminders and outcomes of one pass, merged into
-- one message) is in the outbox under its own key; the keys of the decisions it carries are kept
-- here, so that each of them is still known as sent (`has_message`) and never queued again.
CREATE TABLE outbox_keys (
    key       TEXT PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox (id)
);
