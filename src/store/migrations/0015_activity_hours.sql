-- The hours a row gives (`Timmar`), in hundredths of an hour; NULL when the row gives none. Files
-- read before have none stored: the reading fingerprint changed with the new column, so each is read
-- again at the next ingest and its rows stored with their hours.
ALTER TABLE activities ADD COLUMN hours INTEGER;
