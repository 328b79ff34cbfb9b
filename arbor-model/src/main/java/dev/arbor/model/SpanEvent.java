package dev.arbor.model;

import java.util.Map;
import java.util.Objects;

/** A timestamped event inside a span, such as an exception. */
public record SpanEvent(String name, long timeUnixNano, Map<String, Object> attributes) {
  public SpanEvent {
    Objects.requireNonNull(name, "name");
    attributes = Attributes.copyOf(attributes);
  }

  public static SpanEvent of(String name, long timeUnixNano, Map<String, Object> attributes) {
    return new SpanEvent(name, timeUnixNano, attributes);
  }
}
