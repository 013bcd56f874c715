-- A problem is stored as data only: its `code` and `detail` (the encoding in src/model/stored.rs, the
-- same text schemas 1 to 6 wrote); its Swedish sentences are made when it is read, so a change of
-- wording needs no re-reading. The text stores wrote until now (`message`) is kept, as
-- `legacy_message`, for the rows already there: it is shown only for a row whose detail this
-- pledgewatch cannot decode (a kind written by an early build). Rows written from now on have none.
ALTER TABLE problems ADD COLUMN legacy_message TEXT;
UPDATE problems SET legacy_message = message;
ALTER TABLE problems DROP COLUMN message;
