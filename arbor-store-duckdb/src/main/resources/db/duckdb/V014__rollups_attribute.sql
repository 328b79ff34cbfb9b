-- Rollups are also keyed by the text of one configured attribute (an agent's name, ADR 0013), so that splitting calls
-- by it reads them. The key they hold is the store fact rollup_attribute (absent: none, as for the rows kept so far);
-- a store opened with another key rebuilds its rollups at start.
ALTER TABLE span_rollups ADD COLUMN attribute_value VARCHAR;
