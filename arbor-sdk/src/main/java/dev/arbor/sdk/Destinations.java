package dev.arbor.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@link Arbor#register()} sends spans: Arbor's destination from the code's settings and the environment
 * (Arbor's, Phoenix's and OpenTelemetry's variables, in that order), Langfuse from its key pair, and the OTLP
 * exporter of each. Every setting that cannot be read fails naming its variable.
 */
final class Destinations {
  private Destinations() {}

  /**
   * Arbor's destination: the address and protocol set in code ({@code endpoint}, {@code protocol}; null when not
   * set), else the first of the environment's; then its headers, the environment's first and the code's last.
   */
  static Destination main(Environment e, String endpoint, Protocol protocol, String apiKey,
      Map<String, String> headers) {
    Protocol chosen = protocol;
    if (chosen == null) {
      String name = e.firstName("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
      String value = e.first("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
      chosen = value == null ? null : parseProtocol(name, value);
    }
    Destination d;
    if (endpoint != null) {
      d = destination("endpoint", endpoint, chosen);
    } else if (e.first("ARBOR_COLLECTOR_ENDPOINT", "PHOENIX_COLLECTOR_ENDPOINT") != null) {
      d = destination(e.firstName("ARBOR_COLLECTOR_ENDPOINT", "PHOENIX_COLLECTOR_ENDPOINT"),
          e.first("ARBOR_COLLECTOR_ENDPOINT", "PHOENIX_COLLECTOR_ENDPOINT"), chosen);
    } else if (e.first("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null) {
      // The signal's own variable is used as given (OTLP exporter specification).
      try {
        d = Destination.exact(e.first("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            chosen == null ? Protocol.HTTP_PROTOBUF : chosen);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: " + ex.getMessage(), ex);
      }
    } else if (e.first("OTEL_EXPORTER_OTLP_ENDPOINT") != null) {
      String base = e.first("OTEL_EXPORTER_OTLP_ENDPOINT");
      Protocol p = chosen == null ? Protocol.HTTP_PROTOBUF : chosen;
      // The signal-agnostic variable is a base: HTTP appends the signal's path to whatever path it has.
      String url = p == Protocol.HTTP_PROTOBUF ? base.replaceAll("/+$", "") + Destination.OTLP_TRACES_PATH : base;
      d = destination("OTEL_EXPORTER_OTLP_ENDPOINT", url, p);
    } else {
      d = destination("endpoint", Arbor.DEFAULT_ENDPOINT, chosen);
    }
    d = d.withName("arbor");
    // Header names are case-insensitive: a key given as "Authorization" replaces the API key's "authorization".
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(e.pairs("PHOENIX_CLIENT_HEADERS"));
    // The signal's own variable replaces the general one (OTLP exporter specification).
    all.putAll(e.first("OTEL_EXPORTER_OTLP_TRACES_HEADERS") != null ? e.pairs("OTEL_EXPORTER_OTLP_TRACES_HEADERS")
        : e.pairs("OTEL_EXPORTER_OTLP_HEADERS"));
    String key = apiKey != null ? apiKey : e.first("ARBOR_API_KEY", "PHOENIX_API_KEY");
    if (key != null) {
      all.putIfAbsent("authorization", "Bearer " + key);
    }
    all.putAll(headers);
    for (Map.Entry<String, String> h : all.entrySet()) {
      d = d.withHeader(h.getKey(), h.getValue());
    }
    return d;
  }

  private static Destination destination(String setting, String url, Protocol protocol) {
    try {
      return protocol == null ? Destination.otlp(url) : Destination.otlp(url, protocol);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(setting + ": " + ex.getMessage(), ex);
    }
  }

  private static Protocol parseProtocol(String setting, String value) {
    try {
      return Protocol.parse(value);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(setting + ": " + ex.getMessage(), ex);
    }
  }

  /** Langfuse, when {@code LANGFUSE_PUBLIC_KEY} and {@code LANGFUSE_SECRET_KEY} are set; else null. */
  static Destination langfuse(Environment e) {
    String publicKey = e.first("LANGFUSE_PUBLIC_KEY");
    String secretKey = e.first("LANGFUSE_SECRET_KEY");
    if (publicKey == null && secretKey == null) {
      return null;
    }
    if (publicKey == null || secretKey == null) {
      throw new IllegalArgumentException((publicKey == null ? "LANGFUSE_PUBLIC_KEY" : "LANGFUSE_SECRET_KEY")
          + " is not set, but " + (publicKey == null ? "LANGFUSE_SECRET_KEY" : "LANGFUSE_PUBLIC_KEY")
          + " is: Langfuse needs both");
    }
    String base = e.first("LANGFUSE_BASE_URL", "LANGFUSE_HOST");
    try {
      return Destination.langfuse(base == null ? Arbor.LANGFUSE_CLOUD : base, publicKey, secretKey);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(e.firstName("LANGFUSE_BASE_URL", "LANGFUSE_HOST") + ": "
          + ex.getMessage(), ex);
    }
  }

  static SpanExporter exporter(Destination d, Duration timeout, String compression) {
    if (d.protocol() == Protocol.GRPC) {
      OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder().setEndpoint(d.endpoint())
          .setTimeout(timeout).setCompression(compression).setMeterProvider(MeterProvider::noop);
      d.headers().forEach(b::addHeader);
      return b.build();
    }
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setEndpoint(d.endpoint())
        .setTimeout(timeout).setCompression(compression).setMeterProvider(MeterProvider::noop);
    d.headers().forEach(b::addHeader);
    return b.build();
  }
}
