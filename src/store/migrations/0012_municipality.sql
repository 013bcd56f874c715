-- A police area in one install: each activity and row problem belongs to a municipality, its id in
-- the area's [[municipality]] (empty for a municipality alone, as every row of an earlier store is:
-- nothing is read again). A municipality's standings read its rows by (municipality, date).
ALTER TABLE activities ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
CREATE INDEX activities_municipality_date ON activities(municipality, date);
-- A row problem: the municipality its Kommun cell names or most resembles ('' when none).
ALTER TABLE problems ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
