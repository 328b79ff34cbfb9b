package dev.arbor.server.config;

import java.util.List;

/**
 * One setting: its flag, the environment variables that set it (Arbor's name first, then Phoenix's
 * aliases), its default, and what it means. {@link #ALL} is the table that {@code --help} prints.
 */
public enum Setting {
  HOST("--host", List.of("ARBOR_HOST", "PHOENIX_HOST"), "127.0.0.1",
      "Address to listen on; 0.0.0.0 listens on every interface."),
  PORT("--port", List.of("ARBOR_PORT", "PHOENIX_PORT"), "6006",
      "HTTP port: UI, REST API, OTLP/HTTP (/v1/traces) and Langfuse's OTLP path."),
  GRPC_PORT("--grpc-port", List.of("ARBOR_GRPC_PORT", "PHOENIX_GRPC_PORT"), "4317", "OTLP/gRPC port."),
  WORKING_DIR("--working-dir", List.of("ARBOR_WORKING_DIR", "PHOENIX_WORKING_DIR"), "~/.arbor",
      "Directory for the embedded database and other state."),
  DATABASE_URL("--database-url", List.of("ARBOR_DATABASE_URL", "PHOENIX_SQL_DATABASE_URL"), "",
      "Empty: embedded DuckDB file <working-dir>/arbor.duckdb; duckdb:<path to a file>; or"
          + " postgresql://user:password@host:5432/database?sslmode=… for PostgreSQL."),
  DATABASE_SCHEMA("--database-schema", List.of("ARBOR_DATABASE_SCHEMA", "PHOENIX_SQL_DATABASE_SCHEMA"), "public",
      "PostgreSQL schema for Arbor's tables (created if missing)."),
  DATABASE_POOL_SIZE("--database-pool-size", List.of("ARBOR_DATABASE_POOL_SIZE"), "10",
      "Most PostgreSQL connections this server opens."),
  MAX_REQUEST_SIZE("--max-request-size", List.of("ARBOR_MAX_REQUEST_SIZE"), "64MiB",
      "Largest OTLP request, after gzip is inflated (HTTP 413 above it; gRPC RESOURCE_EXHAUSTED)."),
  INGEST_QUEUE_SIZE("--ingest-queue-size", List.of("ARBOR_INGEST_QUEUE_SIZE"), "256MiB",
      "Memory budget of spans waiting to be committed; when full, exporters are told to retry."),
  INGEST_BATCH_SPANS("--ingest-batch-spans", List.of("ARBOR_INGEST_BATCH_SPANS"), "5000",
      "Most spans committed in one group commit."),
  MAX_ATTRIBUTE_CHARS("--max-attribute-chars", List.of("ARBOR_MAX_ATTRIBUTE_CHARS"), "524288",
      "Longest attribute text kept; longer values are cut with a visible marker."),
  PRICES_FILE("--prices-file", List.of("ARBOR_PRICES_FILE"), "",
      "JSON or YAML file of model prices (per million tokens) that override the bundled list; see README."),
  REDACTION_FILE("--redaction-file", List.of("ARBOR_REDACTION_FILE"), "",
      "JSON or YAML file of redaction rules applied to spans before they are stored; see README."),
  ALERT_INTERVAL("--alert-interval", List.of("ARBOR_ALERT_INTERVAL"), "60",
      "Seconds between evaluations of the alert rules."),
  RETENTION_INTERVAL("--retention-interval", List.of("ARBOR_RETENTION_INTERVAL"), "3600",
      "Seconds between applications of the projects' retention policies."),
  AUTH_ENABLED("--auth-enabled", List.of("ARBOR_AUTH_ENABLED", "PHOENIX_ENABLE_AUTH"), "false",
      "true: users sign in and clients send an API key; roles and project grants decide what each may do."),
  ALLOW_UNAUTHENTICATED("--allow-unauthenticated", List.of("ARBOR_ALLOW_UNAUTHENTICATED"), "false",
      "true: listen beyond loopback with access control off, so anyone who reaches the port may do anything."),
  ADMIN_USERNAME("--admin-username", List.of("ARBOR_ADMIN_USERNAME"), "admin",
      "Name of the first admin, created at start when there is no user yet."),
  ADMIN_PASSWORD("--admin-password", List.of("ARBOR_ADMIN_PASSWORD", "PHOENIX_DEFAULT_ADMIN_INITIAL_PASSWORD"), "",
      "Password of the first admin (prefer the variable: flags show in process lists). Empty: a one-time set-up"
          + " link is printed at start instead."),
  WEBHOOK_PRIVATE_ADDRESSES("--webhook-private-addresses", List.of("ARBOR_WEBHOOK_PRIVATE_ADDRESSES"), "auto",
      "Whether alert webhooks may go to loopback and private addresses: auto allows them only with access control"
          + " off; link-local addresses (cloud metadata) are always refused."),
  SESSION_HOURS("--session-hours", List.of("ARBOR_SESSION_HOURS"), "12",
      "Hours a UI sign-in lasts."),
  ROLLUP_ATTRIBUTE("--rollup-attribute", List.of("ARBOR_ROLLUP_ATTRIBUTE"), "agent.name",
      "Attribute whose values the dashboard rollups keep, so that splitting calls by it is fast (an agent's name);"
          + " none: no attribute. Another key rebuilds the rollups at the next start."),
  DUCKDB_CHECKPOINT_THRESHOLD("--duckdb-checkpoint-threshold", List.of("ARBOR_DUCKDB_CHECKPOINT_THRESHOLD"),
      "256MB", "WAL size at which DuckDB checkpoints (larger: faster ingest, longer crash recovery).");

  public static final List<Setting> ALL = List.of(values());

  private final String flag;
  private final List<String> variables;
  private final String defaultValue;
  private final String description;

  Setting(String flag, List<String> variables, String defaultValue, String description) {
    this.flag = flag;
    this.variables = variables;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String flag() {
    return flag;
  }

  public List<String> variables() {
    return variables;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
