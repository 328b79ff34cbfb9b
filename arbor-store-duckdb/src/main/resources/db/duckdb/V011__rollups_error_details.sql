-- Failed spans are also keyed by their error's details (ADR 0013), so that the error breakdowns (by status message,
-- exception type and HTTP status) read the rollups. The rows kept so far lack them: they are rebuilt at start.
ALTER TABLE span_rollups ADD COLUMN error_message VARCHAR;
ALTER TABLE span_rollups ADD COLUMN error_type VARCHAR;
ALTER TABLE span_rollups ADD COLUMN http_status VARCHAR;
DELETE FROM span_rollups;
DELETE FROM span_rollups_backfill;
INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING max(id) IS NOT NULL;
