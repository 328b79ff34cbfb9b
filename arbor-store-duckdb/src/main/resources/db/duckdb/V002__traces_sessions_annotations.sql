-- Reading one trace finds its few rows among millions: an ART index (appends 0-13% slower in a probe;
-- a primary key on (trace_id, span_id) cost 3x, see ADR 0002).
CREATE INDEX spans_trace_id ON spans (trace_id);

-- One row per trace, kept up to date by the span writer in the same transaction as the spans: totals are
-- added per batch, so they are right whatever order spans arrive in; the root's id, start and latency are
-- filled in when the root arrives. Trace lists and session totals read this narrow table, not the spans.
CREATE TABLE traces (
  project_id         BIGINT NOT NULL,
  trace_id           VARCHAR NOT NULL,
  root_id            BIGINT,
  root_start_ns      BIGINT,
  root_latency_ns    BIGINT,
  session_id         VARCHAR,
  start_ns           BIGINT NOT NULL,
  end_ns             BIGINT NOT NULL,
  span_count         BIGINT NOT NULL,
  error_count        BIGINT NOT NULL,
  prompt_tokens      BIGINT,
  completion_tokens  BIGINT,
  total_tokens       BIGINT,
  cache_read_tokens  BIGINT,
  cache_write_tokens BIGINT,
  reasoning_tokens   BIGINT,
  PRIMARY KEY (project_id, trace_id)
);

-- What one batch adds to its traces: appended, merged into traces and emptied in the writer's transaction.
CREATE TABLE trace_deltas AS SELECT * FROM traces WITH NO DATA;

INSERT INTO traces
SELECT project_id, trace_id,
       min(CASE WHEN parent_span_id IS NULL THEN id END),
       arg_min(CASE WHEN parent_span_id IS NULL THEN start_time_ns END, CASE WHEN parent_span_id IS NULL THEN id END),
       arg_min(CASE WHEN parent_span_id IS NULL THEN end_time_ns - start_time_ns END, CASE WHEN parent_span_id IS NULL THEN id END),
       arg_min(session_id, CASE WHEN session_id IS NOT NULL THEN id END),
       min(start_time_ns), max(end_time_ns), count(*), count(*) FILTER (WHERE status_code = 'ERROR'),
       sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cache_read_tokens),
       sum(cache_write_tokens), sum(reasoning_tokens)
FROM spans GROUP BY project_id, trace_id;

-- A session gets its id when its first span is stored; its totals are those of its traces.
CREATE SEQUENCE session_ids START 1;

CREATE TABLE sessions (
  id          BIGINT PRIMARY KEY DEFAULT nextval('session_ids'),
  project_id  BIGINT NOT NULL,
  session_id  VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
  UNIQUE (project_id, session_id)
);

INSERT INTO sessions (project_id, session_id)
SELECT project_id, session_id FROM spans WHERE session_id IS NOT NULL GROUP BY project_id, session_id
ORDER BY min(id);

-- Annotations on spans, traces, sessions and documents (a span's retrieved document, by position; -1 for
-- the other targets). Writing the same (target, target_id, document_position, name, identifier) updates.
-- Notes are annotations named 'note'.
CREATE SEQUENCE annotation_ids START 1;

CREATE TABLE annotations (
  id                BIGINT PRIMARY KEY DEFAULT nextval('annotation_ids'),
  project_id        BIGINT NOT NULL,
  target            VARCHAR NOT NULL,
  target_id         VARCHAR NOT NULL,
  document_position INTEGER NOT NULL,
  name              VARCHAR NOT NULL,
  annotator_kind    VARCHAR NOT NULL,
  label             VARCHAR,
  score             DOUBLE,
  explanation       VARCHAR,
  metadata          VARCHAR NOT NULL,
  identifier        VARCHAR NOT NULL,
  source            VARCHAR NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL,
  updated_at        TIMESTAMPTZ NOT NULL,
  UNIQUE (target, target_id, document_position, name, identifier)
);
CREATE INDEX annotations_target ON annotations (target_id);
