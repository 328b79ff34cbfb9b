package dev.arbor.server.config;

import dev.arbor.store.postgres.PostgresSettings;
import java.nio.file.Path;

/**
 * Which store a server opens: the embedded DuckDB file, or a PostgreSQL database; and the attribute whose text its
 * dashboard rollups keep ({@code agent.name} unless set; null for none).
 */
public sealed interface StoreConfig {
  /** The attribute the rollups keep unless the configuration says otherwise: an agent's name, as Arbor's SDK sets it. */
  String DEFAULT_ROLLUP_ATTRIBUTE = "agent.name";

  /** A DuckDB file, checkpointed when its WAL passes {@code checkpointThreshold} (such as {@code 256MB}). */
  record DuckDb(Path file, String checkpointThreshold, String rollupAttribute) implements StoreConfig {
    public DuckDb(Path file, String checkpointThreshold) {
      this(file, checkpointThreshold, DEFAULT_ROLLUP_ATTRIBUTE);
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }

  /** A PostgreSQL database. */
  record Postgres(PostgresSettings settings, String rollupAttribute) implements StoreConfig {
    public Postgres(PostgresSettings settings) {
      this(settings, DEFAULT_ROLLUP_ATTRIBUTE);
    }

    @Override
    public String describe() {
      return settings.redactedUrl() + " (schema " + settings.schema() + ")";
    }
  }

  /** Where the store is, for logs: never a password. */
  String describe();

  /** The attribute whose text the dashboard rollups keep, or null for none. */
  String rollupAttribute();
}
