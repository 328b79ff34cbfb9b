package dev.arbor.otlp;

import dev.arbor.model.Span;
import java.util.List;

/**
 * The spans of one export request that are valid, how many were rejected (and why, for OTLP's
 * {@code partial_success}), and how many attribute values were truncated.
 */
public record DecodedBatch(List<Span> spans, int rejected, String rejectionMessage, int truncatedValues) {
  public DecodedBatch {
    spans = List.copyOf(spans);
    rejectionMessage = rejectionMessage == null ? "" : rejectionMessage;
  }
}
