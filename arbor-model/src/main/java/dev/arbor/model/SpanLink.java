package dev.arbor.model;

import java.util.Map;
import java.util.Objects;

/** A link from a span to another span, possibly in another trace. Ids are lowercase hex. */
public record SpanLink(String traceId, String spanId, String traceState, Map<String, Object> attributes) {
  public SpanLink {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    traceState = traceState == null ? "" : traceState;
    attributes = Attributes.copyOf(attributes);
  }

  public static SpanLink of(String traceId, String spanId, String traceState, Map<String, Object> attributes) {
    return new SpanLink(traceId, spanId, traceState, attributes);
  }
}
