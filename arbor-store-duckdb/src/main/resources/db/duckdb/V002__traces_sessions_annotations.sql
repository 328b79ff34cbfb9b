-- Trace and session lookups read a few rows out of millions: ART indexes on the ids. Measured on this
-- machine they cost appends 0-13% (a primary key on (trace_id, span_id) cost 3x; see ADR 0002).
CREATE INDEX spans_trace_id ON spans (trace_id);
CREATE INDEX spans_session_id ON spans (session_id);

-- A session gets its id when its first span is stored; its roll-ups are computed from the spans.
CREATE SEQUENCE session_ids START 1;

CREATE TABLE sessions (
  id          BIGINT PRIMARY KEY DEFAULT nextval('session_ids'),
  project_id  BIGINT NOT NULL,
  session_id  VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
  UNIQUE (project_id, session_id)
);

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
