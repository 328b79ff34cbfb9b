-- Failed spans are also keyed by their error's details (see the DuckDB schema and ADR 0013); the rows kept so far
-- lack them and are rebuilt at start.
ALTER TABLE span_rollups ADD COLUMN error_message TEXT COLLATE "C";
ALTER TABLE span_rollups ADD COLUMN error_type TEXT COLLATE "C";
ALTER TABLE span_rollups ADD COLUMN http_status TEXT COLLATE "C";
DELETE FROM span_rollups;
DELETE FROM span_rollups_backfill;
INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING max(id) IS NOT NULL;
