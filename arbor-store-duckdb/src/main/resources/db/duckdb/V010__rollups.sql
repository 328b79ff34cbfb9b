-- Hourly rollups for the dashboards (ADR 0013): signed deltas per project, hour of start, span kind, model and
-- status, appended by the transactions that write, delete or reprice spans and merged by compaction. The latency
-- column is a LatencySketch. Token sums go with how many spans reported each type (a sum nobody reported is null).
CREATE SEQUENCE span_rollup_ids START 1;

CREATE TABLE span_rollups (
  id                    BIGINT NOT NULL DEFAULT nextval('span_rollup_ids'),
  project_id            BIGINT NOT NULL,
  hour_ns               BIGINT NOT NULL,
  span_kind             VARCHAR NOT NULL,
  model_name            VARCHAR,
  status_code           VARCHAR NOT NULL,
  spans                 BIGINT NOT NULL,
  prompt_tokens         BIGINT NOT NULL,
  prompt_reported       BIGINT NOT NULL,
  completion_tokens     BIGINT NOT NULL,
  completion_reported   BIGINT NOT NULL,
  total_tokens          BIGINT NOT NULL,
  total_reported        BIGINT NOT NULL,
  cache_read_tokens     BIGINT NOT NULL,
  cache_read_reported   BIGINT NOT NULL,
  cache_write_tokens    BIGINT NOT NULL,
  cache_write_reported  BIGINT NOT NULL,
  reasoning_tokens      BIGINT NOT NULL,
  reasoning_reported    BIGINT NOT NULL,
  cost                  DOUBLE NOT NULL,
  priced                BIGINT NOT NULL,
  unpriced              BIGINT NOT NULL,
  latency               BLOB NOT NULL
);

-- Spans stored before the rollups existed (ids up to max_span_id) are rolled up at start, done_id at a time.
CREATE TABLE span_rollups_backfill (done_id BIGINT NOT NULL, max_span_id BIGINT NOT NULL);
INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING count(*) > 0;
