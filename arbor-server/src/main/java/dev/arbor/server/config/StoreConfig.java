package dev.arbor.server.config;

import dev.arbor.store.postgres.PostgresSettings;
import java.nio.file.Path;

/** Which store a server opens: the embedded DuckDB file, or a PostgreSQL database. */
public sealed interface StoreConfig {
  /** A DuckDB file, checkpointed when its WAL passes {@code checkpointThreshold} (such as {@code 256MB}). */
  record DuckDb(Path file, String checkpointThreshold) implements StoreConfig {
    @Override
    public String describe() {
      return file.toString();
    }
  }

  /** A PostgreSQL database. */
  record Postgres(PostgresSettings settings) implements StoreConfig {
    @Override
    public String describe() {
      return settings.redactedUrl() + " (schema " + settings.schema() + ")";
    }
  }

  /** Where the store is, for logs: never a password. */
  String describe();
}
