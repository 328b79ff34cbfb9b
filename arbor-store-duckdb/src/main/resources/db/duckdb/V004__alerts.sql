-- Alert rules (a figure of a project's recent spans against a threshold) with their current state, and each
-- change of state with what became of its notification. Times are epoch milliseconds.
CREATE SEQUENCE alert_rule_ids START 1;

CREATE TABLE alert_rules (
  id                BIGINT PRIMARY KEY DEFAULT nextval('alert_rule_ids'),
  name              VARCHAR NOT NULL,
  project           VARCHAR NOT NULL,
  filter            VARCHAR,
  metric            VARCHAR NOT NULL,
  window_seconds    BIGINT NOT NULL,
  comparison        VARCHAR NOT NULL,
  threshold         DOUBLE NOT NULL,
  webhook_url       VARCHAR,
  webhook_format    VARCHAR NOT NULL,
  enabled           BOOLEAN NOT NULL,
  state             VARCHAR NOT NULL,
  last_value        DOUBLE,
  last_evaluated_at BIGINT,
  created_at        BIGINT NOT NULL
);

CREATE SEQUENCE alert_event_ids START 1;

CREATE TABLE alert_events (
  id         BIGINT PRIMARY KEY DEFAULT nextval('alert_event_ids'),
  rule_id    BIGINT NOT NULL,
  state      VARCHAR NOT NULL,
  value      DOUBLE,
  threshold  DOUBLE NOT NULL,
  at_millis  BIGINT NOT NULL,
  delivery   VARCHAR NOT NULL
);
CREATE INDEX alert_events_rule ON alert_events (rule_id);
