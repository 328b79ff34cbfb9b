package dev.arbor.sdk;

import java.util.Locale;

/** How spans travel to a destination: OTLP over gRPC or OTLP over HTTP with protobuf bodies. */
public enum Protocol {
  GRPC,
  HTTP_PROTOBUF;

  /** Reads {@code grpc} or {@code http/protobuf}, the values of {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
  public static Protocol parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "grpc":
        return GRPC;
      case "http/protobuf":
      case "http":
        return HTTP_PROTOBUF;
      default:
        throw new IllegalArgumentException("protocol must be grpc or http/protobuf: " + value);
    }
  }
}
