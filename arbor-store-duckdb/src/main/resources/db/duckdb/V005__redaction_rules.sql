-- Redaction rules set through the API. A rule names a built-in detector (pattern NULL) or has its own RE2
-- pattern; project NULL applies it to every project (a name, not an id: a rule may come before its project's first
-- span); attributes is a JSON array of key selectors, [] for the defaults. revision counts the rule's updates, so
-- that (count, max id, sum of revisions) changes with every change. Times are epoch milliseconds.
CREATE SEQUENCE redaction_rule_ids START 1;

CREATE TABLE redaction_rules (
  id          BIGINT PRIMARY KEY DEFAULT nextval('redaction_rule_ids'),
  name        VARCHAR NOT NULL,
  pattern     VARCHAR,
  project     VARCHAR,
  attributes  VARCHAR NOT NULL,
  revision    BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
