-- The spans each INGEST entry of the audit trail recorded, in the batch's order (position): their ids, project,
-- start time and SHA-256 digest (SpanDigest). The entry's detail seals the digest of these digests, so a row
-- changed or removed here shows, and each stored span can be checked against the digest it was stored with.
CREATE TABLE audit_spans (
  seq            BIGINT NOT NULL,
  position       INTEGER NOT NULL,
  trace_id       VARCHAR NOT NULL,
  span_id        VARCHAR NOT NULL,
  project_id     BIGINT NOT NULL,
  start_time_ns  BIGINT NOT NULL,
  digest         VARCHAR NOT NULL
);

-- Spans stored before the audit trail covered spans (ids up to this one) have no ingest entry.
CREATE TABLE audit_span_baseline (max_span_id BIGINT NOT NULL);
INSERT INTO audit_span_baseline SELECT coalesce(max(id), 0) FROM spans;
