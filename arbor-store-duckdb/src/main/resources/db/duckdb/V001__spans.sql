-- Projects are created on first use by the span writer.
CREATE SEQUENCE project_ids START 1;

CREATE TABLE projects (
  id          BIGINT PRIMARY KEY DEFAULT nextval('project_ids'),
  name        VARCHAR NOT NULL UNIQUE,
  description VARCHAR,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- One row per span. No primary key: an index on this wide table makes bulk appends ~3x slower, so the
-- store keeps (trace_id, span_id) unique itself (see SeenSpanKeys). `id` is assigned by the single writer
-- in storage order and serves as the cursor. JSON columns hold text written by SpanFieldJson.
CREATE TABLE spans (
  id                    BIGINT NOT NULL,
  project_id            BIGINT NOT NULL,
  trace_id              VARCHAR NOT NULL,
  span_id               VARCHAR NOT NULL,
  parent_span_id        VARCHAR,
  trace_state           VARCHAR NOT NULL,
  name                  VARCHAR NOT NULL,
  otel_kind             VARCHAR NOT NULL,
  span_kind             VARCHAR NOT NULL,
  start_time_ns         BIGINT NOT NULL,
  end_time_ns           BIGINT NOT NULL,
  status_code           VARCHAR NOT NULL,
  status_message        VARCHAR NOT NULL,
  model_name            VARCHAR,
  provider              VARCHAR,
  prompt_tokens         BIGINT,
  completion_tokens     BIGINT,
  total_tokens          BIGINT,
  cache_read_tokens     BIGINT,
  cache_write_tokens    BIGINT,
  reasoning_tokens      BIGINT,
  input_value           VARCHAR,
  input_mime_type       VARCHAR,
  output_value          VARCHAR,
  output_mime_type      VARCHAR,
  input_messages        VARCHAR,
  output_messages       VARCHAR,
  documents             VARCHAR,
  session_id            VARCHAR,
  user_id               VARCHAR,
  metadata              VARCHAR,
  tags                  VARCHAR,
  invocation_parameters VARCHAR,
  attributes            VARCHAR NOT NULL, -- without the keys listed in lifted_keys
  lifted_keys           VARCHAR,          -- attributes stored once, in input_value / output_value
  events                VARCHAR NOT NULL,
  links                 VARCHAR NOT NULL,
  resource              VARCHAR NOT NULL,
  scope_name            VARCHAR NOT NULL,
  scope_version         VARCHAR NOT NULL
);
