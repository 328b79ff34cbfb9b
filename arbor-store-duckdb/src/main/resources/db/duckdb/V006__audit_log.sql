-- The audit trail: one row per change made through Arbor, numbered 1, 2, 3 … and chained by SHA-256 (hash covers
-- the row's fields and prev_hash, the previous row's hash). Rows are only ever inserted. Times are epoch
-- milliseconds (UTC).
CREATE TABLE audit_log (
  seq        BIGINT PRIMARY KEY,
  at_millis  BIGINT NOT NULL,
  actor      VARCHAR NOT NULL,
  origin     VARCHAR,
  action     VARCHAR NOT NULL,
  target     VARCHAR,
  reason     VARCHAR,
  detail     VARCHAR,
  prev_hash  VARCHAR NOT NULL,
  hash       VARCHAR NOT NULL
);
