package dev.arbor.example.tickets.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/** A loopback HTTP server that answers requests in parallel, with the JSON plumbing the fakes share. */
abstract class FakeHttp implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-service");
    t.setDaemon(true);
    return t;
  });

  FakeHttp() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try {
        handle(exchange);
      } catch (RuntimeException e) {
        send(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  abstract void handle(HttpExchange exchange) throws IOException;

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static JsonNode body(HttpExchange exchange) throws IOException {
    return JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = (body instanceof String s ? s : JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Waits {@code latency} ± 20 %, as a model takes its time to answer. */
  static void think(Duration latency) {
    long millis = latency.toMillis();
    if (millis <= 0) {
      return;
    }
    long jitter = millis / 5;
    try {
      Thread.sleep(millis - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
