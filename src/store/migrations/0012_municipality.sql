-- A police area in one install: each activity and row problem belongs to a municipality, its id in
-- the area's [[municipality]] (empty for a municipality alone, as every row of an earlier store is:
-- nothing is read again). A municipality of an area reads its rows by (municipality, date); the
-- index leaves out the rows of a municipality alone, which would pay for it at every insert (a
-- million-row log read a third slower) and read their few periods by a scan.
ALTER TABLE activities ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
CREATE INDEX activities_municipality_date ON activities(municipality, date) WHERE municipality != '';
-- A row problem: the municipality its Kommun cell names or most resembles ('' when none).
ALTER TABLE problems ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
