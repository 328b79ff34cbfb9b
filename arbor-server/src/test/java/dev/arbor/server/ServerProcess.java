package dev.arbor.server;

import dev.arbor.store.tests.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real Arbor server in its own JVM, started from the test classpath, that a test can kill. */
final class ServerProcess implements AutoCloseable {
  final int port;
  final int grpcPort;
  private final Process process;

  private ServerProcess(int port, int grpcPort, Process process) {
    this.port = port;
    this.grpcPort = grpcPort;
    this.process = process;
  }

  static ServerProcess start(Path workingDir, Path log, String... extraFlags) {
    int port = FreePorts.next();
    int grpcPort = FreePorts.next();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.arbor.server.cli.ArborCommand", "serve",
        "--port", String.valueOf(port), "--grpc-port", String.valueOf(grpcPort),
        "--working-dir", workingDir.toString()));
    command.addAll(List.of(extraFlags));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      ServerProcess server = new ServerProcess(port, grpcPort, process);
      server.awaitReady(Duration.ofSeconds(60));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The flags that point a server process at this run's store: none for DuckDB (the working directory holds
   * it), a fresh schema on the test PostgreSQL server when the ITs run against PostgreSQL. Pass the same
   * flags to every process that should share the data.
   */
  static String[] storeFlags() {
    return RunningServer.onPostgres()
        ? new String[] {"--database-url", TestPostgres.url(), "--database-schema", TestPostgres.freshSchema()}
        : new String[0];
  }

  private void awaitReady(Duration timeout) {
    ApiClient api = new ApiClient(port);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue());
      }
      try {
        if (api.get("/readyz").statusCode() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("server not ready after " + timeout);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait: a graceful stop. */
  int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

}
