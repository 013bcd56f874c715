-- A row that could not be read keeps what could be read of it: its date and the activity kind it names
-- (or most resembles), so the reconcile step can list it under the pledge and period it concerns.
-- Files read before this migration are read again (the reading fingerprint includes the reader version).
ALTER TABLE problems ADD COLUMN date TEXT;
ALTER TABLE problems ADD COLUMN activity TEXT;
