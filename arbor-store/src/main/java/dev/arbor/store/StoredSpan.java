package dev.arbor.store;

import dev.arbor.model.Span;
import java.util.Objects;

/** A span with the id its store gave it; ids increase in the order spans were stored. */
public record StoredSpan(long id, Span span) {
  public StoredSpan {
    Objects.requireNonNull(span, "span");
  }
}
