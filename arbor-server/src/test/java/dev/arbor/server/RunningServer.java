package dev.arbor.server;

import dev.arbor.server.config.ArborConfig;
import dev.arbor.server.config.StoreConfig;
import dev.arbor.store.postgres.PostgresSettings;
import dev.arbor.store.tests.TestPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Arbor server in this JVM for one test class, on free loopback ports and a fresh working
 * directory: {@code @RegisterExtension static final RunningServer server = RunningServer.create();}.
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<ArborConfig> customize;
  private Path dir;
  private ArborConfig config;
  private ArborServer server;
  private ApiClient api;

  private RunningServer(UnaryOperator<ArborConfig> customize) {
    this.customize = customize;
  }

  static RunningServer create() {
    return new RunningServer(UnaryOperator.identity());
  }

  static RunningServer create(UnaryOperator<ArborConfig> customize) {
    return new RunningServer(customize);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("arbor-it");
    config = customize.apply(testConfig(dir));
    server = ArborServer.start(config);
    api = new ApiClient(server.httpPort());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /**
   * The configuration every IT server starts from: a DuckDB file in {@code dir}, or, when the build runs the
   * integration tests against PostgreSQL ({@code -Darbor.it.store=postgres}), a fresh schema on the test
   * PostgreSQL server.
   */
  static ArborConfig testConfig(Path dir) {
    ArborConfig config = ArborConfig.forTest(dir, FreePorts.next(), FreePorts.next());
    return onPostgres() ? config.withStore(new StoreConfig.Postgres(
        PostgresSettings.fromUrl(TestPostgres.url(), TestPostgres.freshSchema(), 4))) : config;
  }

  /** Whether this run of the integration tests is the one against PostgreSQL. */
  static boolean onPostgres() {
    return "postgres".equals(System.getProperty("arbor.it.store"));
  }

  ArborServer server() {
    return server;
  }

  ArborConfig config() {
    return config;
  }

  /** Stops the server (committing what is queued) so that its database can be opened by the test. */
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts the server again on the same database (and new ports). */
  void restart() {
    stop();
    config = config.withStore(config.store());
    server = ArborServer.start(config);
    api = new ApiClient(server.httpPort());
  }

  /** A JDBC connection to the server's database, behind its back (stop a DuckDB server first). */
  Connection connect() throws SQLException {
    if (config.store() instanceof StoreConfig.Postgres postgres) {
      PostgresSettings s = postgres.settings();
      Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
      try (Statement st = c.createStatement()) {
        st.execute("SET search_path TO " + s.schema());
      }
      return c;
    }
    return DriverManager.getConnection("jdbc:duckdb:" + ((StoreConfig.DuckDb) config.store()).file());
  }

  ApiClient api() {
    return api;
  }
}
