-- Rollups are also keyed by span name (see the DuckDB schema and ADR 0013); the rows kept so far are rebuilt at start.
ALTER TABLE span_rollups ADD COLUMN name TEXT COLLATE "C";
DELETE FROM span_rollups;
DELETE FROM span_rollups_backfill;
INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING max(id) IS NOT NULL;
