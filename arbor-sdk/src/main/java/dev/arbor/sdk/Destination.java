package dev.arbor.sdk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One place spans are sent to: an OTLP endpoint, its protocol and its headers. Each destination gets its own
 * queue and export thread, so one that is slow or down never holds up the others.
 *
 * <pre>{@code
 * Destination.otlp("http://localhost:6006")                       // Arbor or Phoenix over HTTP
 * Destination.otlp("http://localhost:4317")                       // … over gRPC
 * Destination.langfuse("http://localhost:3000", "pk-lf-…", "sk-lf-…")
 * }</pre>
 *
 * <p>Header values can be secrets: {@link #toString()} shows the endpoint only.
 */
public final class Destination {
  static final String OTLP_TRACES_PATH = "/v1/traces";
  static final String LANGFUSE_PATH = "/api/public/otel/v1/traces";

  private final String name;
  private final String endpoint;
  private final Protocol protocol;
  private final Map<String, String> headers;

  private Destination(String name, String endpoint, Protocol protocol, Map<String, String> headers) {
    this.name = name;
    this.endpoint = endpoint;
    this.protocol = protocol;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * An OTLP endpoint. The protocol follows the address: a path ending in {@code /v1/traces} is HTTP, port 4317
   * is gRPC, anything else is HTTP with {@code /v1/traces} added to a bare address.
   *
   * @throws IllegalArgumentException when the address is not an http(s) URL
   */
  public static Destination otlp(String endpoint) {
    URI uri = parse(endpoint);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith(OTLP_TRACES_PATH)) {
      return new Destination("otlp", endpoint, Protocol.HTTP_PROTOBUF, Map.of());
    }
    if (uri.getPort() == 4317) {
      return new Destination("otlp", endpoint, Protocol.GRPC, Map.of());
    }
    return new Destination("otlp", withPath(endpoint, OTLP_TRACES_PATH), Protocol.HTTP_PROTOBUF, Map.of());
  }

  /** An OTLP endpoint with the protocol given; for HTTP a bare address gets {@code /v1/traces}. */
  public static Destination otlp(String endpoint, Protocol protocol) {
    URI uri = parse(endpoint);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (protocol == Protocol.HTTP_PROTOBUF && (path.isEmpty() || path.equals("/"))) {
      endpoint = withPath(endpoint, OTLP_TRACES_PATH);
    }
    return new Destination("otlp", endpoint, Objects.requireNonNull(protocol, "protocol"), Map.of());
  }

  /** An OTLP endpoint used exactly as given, as OpenTelemetry uses its signal-specific endpoint variable. */
  public static Destination exact(String endpoint, Protocol protocol) {
    parse(endpoint);
    return new Destination("otlp", endpoint.trim(), Objects.requireNonNull(protocol, "protocol"), Map.of());
  }

  /** Langfuse's OTLP endpoint at {@code baseUrl}, with its Basic authentication from the project's key pair. */
  public static Destination langfuse(String baseUrl, String publicKey, String secretKey) {
    if (publicKey == null || publicKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("Langfuse needs both a public and a secret key");
    }
    parse(baseUrl);
    String token = Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    return new Destination("langfuse", withPath(baseUrl, LANGFUSE_PATH), Protocol.HTTP_PROTOBUF,
        Map.of("Authorization", "Basic " + token));
  }

  /** This destination with one more header; a header of the same name is replaced. */
  public Destination withHeader(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(Objects.requireNonNull(key, "header name"), Objects.requireNonNull(value, "header value"));
    return new Destination(name, endpoint, protocol, copy);
  }

  /** This destination with the name its warnings and counters use. */
  public Destination withName(String other) {
    return new Destination(Objects.requireNonNull(other, "name"), endpoint, protocol, headers);
  }

  public String name() {
    return name;
  }

  public String endpoint() {
    return endpoint;
  }

  public Protocol protocol() {
    return protocol;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The name, the endpoint without any user or password in it, and the protocol; never a header. */
  @Override
  public String toString() {
    return name + " " + withoutUserInfo(endpoint) + " (" + (protocol == Protocol.GRPC ? "grpc" : "http/protobuf")
        + ")";
  }

  private static String withoutUserInfo(String url) {
    return url.replaceFirst("^(https?://)[^/@]*@", "$1");
  }

  private static URI parse(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("endpoint must not be empty");
    }
    try {
      URI uri = URI.create(endpoint.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an http:// or https:// address: "
            + withoutUserInfo(endpoint));
      }
      return uri;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("endpoint must")) throw e;
      throw new IllegalArgumentException("endpoint must be an http:// or https:// address: "
          + withoutUserInfo(endpoint), e);
    }
  }

  private static String withPath(String base, String path) {
    String trimmed = base.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed + path;
  }
}
