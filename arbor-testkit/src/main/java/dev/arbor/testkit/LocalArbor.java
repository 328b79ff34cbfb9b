package dev.arbor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.server.ArborServer;
import dev.arbor.server.config.ArborConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Arbor server in this JVM, on free loopback ports and a fresh DuckDB file, and what it stored, read back
 * through its REST API as a client would: {@code try (LocalArbor arbor = LocalArbor.start()) { … arbor.spans("p") }}.
 */
public final class LocalArbor implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final ArborServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalArbor(Path dir, ArborServer server) {
    this.dir = dir;
    this.server = server;
  }

  public static LocalArbor start() {
    try {
      Path dir = Files.createTempDirectory("arbor-testkit");
      return new LocalArbor(dir, ArborServer.start(ArborConfig.forTest(dir, freePort(), freePort())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the UI, the REST API and OTLP/HTTP. */
  public String httpUrl() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  /** {@code http://127.0.0.1:<port>}: OTLP/gRPC. */
  public String grpcUrl() {
    return "http://127.0.0.1:" + server.grpcPort();
  }

  /** Every span of {@code project} in Phoenix's REST shape (attributes flat, as sent), oldest first. */
  public List<JsonNode> spans(String project) {
    List<JsonNode> spans = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/v1/projects/" + encode(project) + "/spans?limit=1000"
          + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonNode page = get(path);
      if (page == null) {
        return spans;
      }
      page.path("data").forEach(spans::add);
      cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
    } while (cursor != null);
    spans.sort(Comparator.comparing(s -> s.path("start_time").asText()));
    return spans;
  }

  /** The JSON at {@code path}, or null for a 404. */
  public JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + path))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
