-- Rollups are also keyed by the text of one configured attribute (see the DuckDB schema and ADR 0013).
ALTER TABLE span_rollups ADD COLUMN attribute_value TEXT COLLATE "C";
