-- Each project's retention: spans older than max_age_days, and all but the newest max_spans, are deleted when the
-- policy is applied (either may be NULL, not both). Times are epoch milliseconds.
CREATE TABLE retention_policies (
  project_id    BIGINT PRIMARY KEY,
  max_age_days  INTEGER,
  max_spans     BIGINT,
  updated_at    BIGINT NOT NULL
);

-- Projects whose deletions must say why (a reason in the request); a row per regulated project.
CREATE TABLE regulated_projects (
  project_id  BIGINT PRIMARY KEY,
  since       BIGINT NOT NULL
);
