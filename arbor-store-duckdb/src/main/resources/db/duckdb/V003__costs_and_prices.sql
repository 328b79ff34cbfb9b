-- What each LLM call cost in US dollars, priced at ingest from its token counts; null when not priced (no
-- token counts, or no price for its model). Recomputed in place when a price changes.
ALTER TABLE spans ADD COLUMN cost_input DOUBLE;
ALTER TABLE spans ADD COLUMN cost_output DOUBLE;
ALTER TABLE spans ADD COLUMN cost_cache_read DOUBLE;
ALTER TABLE spans ADD COLUMN cost_cache_write DOUBLE;
ALTER TABLE spans ADD COLUMN cost_reasoning DOUBLE;
ALTER TABLE spans ADD COLUMN cost_total DOUBLE;

-- A trace's cost is the sum of its priced spans; unpriced_count counts the spans that reported tokens but
-- have no price, so that a partial sum is never shown as the whole.
ALTER TABLE traces ADD COLUMN cost DOUBLE;
ALTER TABLE traces ADD COLUMN unpriced_count BIGINT DEFAULT 0;
ALTER TABLE trace_deltas ADD COLUMN cost DOUBLE;
ALTER TABLE trace_deltas ADD COLUMN unpriced_count BIGINT DEFAULT 0;
-- Every stored span is unpriced until the first start prices it: count those with tokens. Spans without a model
-- name are never priced, so their count must be right from here on.
UPDATE traces SET unpriced_count = coalesce((SELECT count(*) FROM spans s WHERE s.project_id = traces.project_id
  AND s.trace_id = traces.trace_id AND coalesce(s.prompt_tokens, s.completion_tokens, s.cache_read_tokens,
  s.cache_write_tokens, s.reasoning_tokens) IS NOT NULL), 0);

-- Prices set through the API (the bundled list and a file given at start are not stored). project_id is null
-- for a global price.
CREATE SEQUENCE model_price_ids START 1;

CREATE TABLE model_prices (
  id            BIGINT PRIMARY KEY DEFAULT nextval('model_price_ids'),
  project_id    BIGINT,
  provider      VARCHAR,
  name          VARCHAR NOT NULL,
  pattern       VARCHAR NOT NULL,
  input         DOUBLE NOT NULL,
  output        DOUBLE NOT NULL,
  cache_read    DOUBLE,
  cache_write   DOUBLE,
  reasoning     DOUBLE,
  prices_as_of  DATE,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- Small facts about the store itself, such as the fingerprint of the prices its costs were computed with.
CREATE TABLE store_facts (
  name   VARCHAR PRIMARY KEY,
  value  VARCHAR NOT NULL
);
