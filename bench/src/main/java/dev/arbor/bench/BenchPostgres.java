package dev.arbor.bench;

import dev.arbor.store.postgres.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server for the benchmarks' PostgreSQL runs: the same binaries as the tests' (Maven Central),
 * on loopback, with durable commits ({@code fsync} and {@code synchronous_commit} on, as in production)
 * and otherwise PostgreSQL's default settings. Its data directory may be kept and reused.
 */
final class BenchPostgres implements AutoCloseable {
  private final EmbeddedPostgres server;

  private BenchPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  static BenchPostgres start(Path dataDirectory) throws IOException {
    return new BenchPostgres(EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory).setCleanDataDirectory(false)
        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .start());
  }

  String url() {
    return "postgresql://postgres:postgres@127.0.0.1:" + server.getPort() + "/postgres";
  }

  PostgresSettings settings(String schema) {
    return PostgresSettings.fromUrl(url(), schema, 8);
  }

  /** A connection whose search path is {@code schema}. */
  Connection connect(String schema) throws SQLException {
    PostgresSettings settings = settings(schema);
    Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    try (var st = c.createStatement()) {
      st.execute("SET search_path TO " + schema);
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
