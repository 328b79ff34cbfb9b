-- Each project's retention (see the DuckDB schema).
CREATE TABLE retention_policies (
  project_id    BIGINT PRIMARY KEY,
  max_age_days  INTEGER,
  max_spans     BIGINT,
  updated_at    BIGINT NOT NULL
);

-- Projects whose deletions must say why (see the DuckDB schema).
CREATE TABLE regulated_projects (
  project_id  BIGINT PRIMARY KEY,
  since       BIGINT NOT NULL
);
