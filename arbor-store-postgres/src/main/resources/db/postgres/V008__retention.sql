-- Each project's retention (see the DuckDB schema).
CREATE TABLE retention_policies (
  project_id    BIGINT PRIMARY KEY,
  max_age_days  INTEGER,
  max_spans     BIGINT,
  updated_at    BIGINT NOT NULL
);
