-- A message sent without an answer within the time-out (the server may have taken it) waits long
-- for its one more try: it stays `queued`, marked uncertain (shown as state "uncertain"). The state
-- column's CHECK of schema 3 cannot change without rebuilding the table, which outbox_keys refers to.
ALTER TABLE outbox ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
