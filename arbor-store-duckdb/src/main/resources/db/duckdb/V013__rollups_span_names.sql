-- Rollups are also keyed by span name (ADR 0013), so that the provider comparison (one call's name across models)
-- and filters on the name read them. The rows kept so far lack it: they are rebuilt at start. (The column is added
-- before the rows are deleted: DuckDB refuses to alter a table its transaction has changed.)
ALTER TABLE span_rollups ADD COLUMN name VARCHAR;
DELETE FROM span_rollups;
DELETE FROM span_rollups_backfill;
INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING max(id) IS NOT NULL;
