package dev.arbor.store;

import dev.arbor.model.Span;
import java.util.List;

/**
 * What one {@link SpanStore#write} did: the spans newly stored (the first copy of each, in batch order), and how
 * many were already present or repeated. Metrics of the traffic count the stored spans, so that an exporter's
 * retry is not counted twice.
 */
public record WriteResult(List<Span> storedSpans, int duplicates) {
  public WriteResult {
    storedSpans = List.copyOf(storedSpans);
  }

  public static WriteResult of(List<Span> stored, int duplicates) {
    return new WriteResult(stored, duplicates);
  }

  public int stored() {
    return storedSpans.size();
  }
}
