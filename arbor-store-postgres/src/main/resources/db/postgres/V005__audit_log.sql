-- The audit trail (see the DuckDB schema). Rows are only ever inserted.
CREATE TABLE audit_log (
  seq        BIGINT PRIMARY KEY,
  at_millis  BIGINT NOT NULL,
  actor      TEXT NOT NULL,
  origin     TEXT,
  action     TEXT NOT NULL,
  target     TEXT,
  reason     TEXT,
  detail     TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
