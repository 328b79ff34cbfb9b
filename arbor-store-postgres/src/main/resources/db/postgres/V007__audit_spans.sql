-- The spans each INGEST entry of the audit trail recorded (see the DuckDB schema).
CREATE TABLE audit_spans (
  seq            BIGINT NOT NULL,
  position       INTEGER NOT NULL,
  trace_id       TEXT COLLATE "C" NOT NULL,
  span_id        TEXT COLLATE "C" NOT NULL,
  project_id     BIGINT NOT NULL,
  start_time_ns  BIGINT NOT NULL,
  digest         TEXT NOT NULL
);

CREATE TABLE audit_span_baseline (max_span_id BIGINT NOT NULL);
INSERT INTO audit_span_baseline SELECT coalesce(max(id), 0) FROM spans;
