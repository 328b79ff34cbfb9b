-- Users, API keys and signed-in sessions. No secret is stored: password_hash is bcrypt, secret_hash and token_hash
-- are SHA-256 hex. grants is NULL for every project, else a JSON object of project name to "read" or "write".
-- role is admin, member or viewer. A key's user_id is NULL for a system key. Times are epoch milliseconds.
CREATE SEQUENCE user_ids START 1;

CREATE TABLE users (
  id             BIGINT PRIMARY KEY DEFAULT nextval('user_ids'),
  name           VARCHAR NOT NULL,
  role           VARCHAR NOT NULL,
  password_hash  VARCHAR NOT NULL,
  grants         VARCHAR,
  created_at     BIGINT NOT NULL,
  disabled       BOOLEAN NOT NULL
);

CREATE SEQUENCE api_key_ids START 1;

CREATE TABLE api_keys (
  id           BIGINT PRIMARY KEY DEFAULT nextval('api_key_ids'),
  name         VARCHAR NOT NULL,
  public_id    VARCHAR NOT NULL,
  secret_hash  VARCHAR NOT NULL,
  user_id      BIGINT,
  role         VARCHAR NOT NULL,
  grants       VARCHAR,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT,
  revoked_at   BIGINT
);

CREATE TABLE login_sessions (
  token_hash  VARCHAR PRIMARY KEY,
  user_id     BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
